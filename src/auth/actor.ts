// Actor lives in common/. This re-export only serves src/audit, which is being reworked on another
// branch; point those imports at ../common/actor when it lands and delete this file.
export type { Actor } from '../common/actor';
