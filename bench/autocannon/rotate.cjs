'use strict';
// autocannon setupRequest (loaded in its worker thread): each request takes the next target of
// the JSON file named by TAYSEER_BENCH_TARGETS ([{ "path": "...", "headers": { ... } }]), so the
// load spreads over many people instead of hitting one cached row.
const fs = require('node:fs');

const targets = JSON.parse(fs.readFileSync(process.env.TAYSEER_BENCH_TARGETS, 'utf8'));
let next = Math.floor(Math.random() * targets.length);

module.exports = function setupRequest(request) {
  const target = targets[next];
  next = (next + 1) % targets.length;
  return { ...request, path: target.path, headers: { ...request.headers, ...target.headers } };
};
