'use strict';
/**
 * Detects a query sent on a pg client while another query of that client is still running (what
 * pg deprecates with "Calling client.query() when the client is already executing a query"; pg
 * only warns from the third overlapping query, this catches the second). Used two ways:
 *  - the jest setup (no-overlapping-queries.ts) calls install() and fails the test that did it;
 *  - child processes started by tests load this file through NODE_OPTIONS=--require and append
 *    each occurrence to the file named by ENLACE_PG_OVERLAP_LOG, which the test file checks.
 */
const MESSAGE = 'query sent on a pg client that is already executing a query';
/**
 * TypeORM's own schema diff (migration:check, RdbmsSchemaBuilder) reads table metadata with
 * Promise.all on its query runner: not our code, and only in the migration CLI.
 */
const IGNORED = /RdbmsSchemaBuilder|QueryRunner\.getTables/;

function stackOf(message) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  try {
    return new Error(message).stack;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function install(report) {
  let pg;
  try {
    pg = require('pg');
  } catch {
    return false;
  }
  const proto = pg.Client.prototype;
  if (proto.__enlaceOverlapGuard) {
    proto.__enlaceOverlapGuard.report = report;
    return true;
  }
  const state = { report };
  const original = proto.query;
  proto.query = function guardedQuery(...args) {
    if (!Array.isArray(this._queryQueue)) {
      state.report(stackOf('pg client internals changed: the overlapping-query guard cannot see the queue'));
    } else if (!this.pipeline && (this._activeQuery || this._queryQueue.length > 0)) {
      const stack = stackOf(MESSAGE);
      if (!IGNORED.test(stack)) state.report(stack);
    }
    return original.apply(this, args);
  };
  Object.defineProperty(proto, '__enlaceOverlapGuard', { value: state });
  return true;
}

module.exports = { install, MESSAGE };

const log = process.env.ENLACE_PG_OVERLAP_LOG;
if (log) {
  const { appendFileSync } = require('node:fs');
  const write = (text) => {
    try {
      appendFileSync(log, `[pid ${process.pid} ${process.argv.slice(1).join(' ')}]\n${text}\n\n`);
    } catch {
      // the test already finished and removed its log: nothing left to fail
    }
  };
  // Should pg not load from here, pg's own warning (from the third overlapping query) still counts.
  if (!install(write))
    process.on('warning', (w) => {
      if (/already executing a query/.test(w.message) && !IGNORED.test(w.stack || ''))
        write(w.stack || w.message);
    });
}
