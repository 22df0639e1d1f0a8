import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf } from '../audit-trail/audit-checkpoint';

/**
 * `npm run audit:keygen`: a new Ed25519 key pair for the audit checkpoints, printed as the two
 * environment lines. AUDIT_SIGNING_KEY goes to the worker's secrets only; AUDIT_PUBLIC_KEY to
 * whoever runs `npm run audit:verify`, kept away from the database's administrators.
 */
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
console.log(`# key id ${keyIdOf(publicKey)}`);
console.log(`AUDIT_SIGNING_KEY=${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`);
console.log(`AUDIT_PUBLIC_KEY=${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`);
