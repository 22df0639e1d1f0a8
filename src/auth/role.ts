// Role lives in common/. This re-export only serves src/audit, which is being reworked on another
// branch; point those imports at ../common/role when it lands and delete this file.
export { Role, ROLES } from '../common/role';
