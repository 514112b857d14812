'use strict';
/*
 * The Node.js version check every program runs first (bin/vipd, bin/vip-coordinator,
 * bin/vipadm). The requirement is stated once, in the root package.json's `engines.node`
 * (">=MAJOR"); this file reads it. Plain ES5 on purpose: it must parse on the old Node it
 * refuses, before any compiled code is loaded.
 */
var engines = require('../../package.json').engines;

/** The least major version package.json's engines.node (">=N") asks for. */
function requiredMajor() {
  var m = /^>=\s*(\d+)/.exec((engines && engines.node) || '');
  if (!m) throw new Error('package.json: engines.node must be ">=MAJOR"');
  return Number(m[1]);
}

/** The one-line problem with running `program` on Node `version` (e.g. "v18.19.0"), or null. */
function nodeVersionProblem(program, version, execPath) {
  var major = Number(String(version).replace(/^v/, '').split('.')[0]);
  var need = requiredMajor();
  if (major >= need) return null;
  return (
    program +
    ': needs Node.js ' +
    need +
    ' or later; ' +
    (execPath || 'node') +
    ' is ' +
    version +
    ' (install Node.js ' +
    need +
    ' or later: Debian 13 has it, on Debian 12 NodeSource packages it; and run this with that node)'
  );
}

/** Exits 2 with one line on stderr when this Node is too old. */
function requireSupportedNode(program) {
  var problem = nodeVersionProblem(program, process.version, process.execPath);
  if (problem === null) return;
  process.stderr.write(problem + '\n');
  process.exit(2);
}

module.exports = {
  requiredMajor: requiredMajor,
  nodeVersionProblem: nodeVersionProblem,
  requireSupportedNode: requireSupportedNode,
};
