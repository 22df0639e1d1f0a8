/**
 * The name of the audit writer's own connection pool (AUDIT_POOL_SIZE), same database and role.
 * A refused request writes its denial in a transaction of its own while its request transaction
 * still holds a connection: from the request pool, as many simultaneous refusals as that pool
 * has connections would each wait for a connection none of them gives back. Own-transaction
 * appends (AuditService.recordAlone) use this pool only, and hold nothing else while they wait,
 * so they always finish.
 */
export const AUDIT_DATA_SOURCE = 'audit';
