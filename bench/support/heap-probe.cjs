/**
 * Preloaded (NODE_OPTIONS=-r) into every process of the tree by `BENCH_HEAP=1 npm run
 * bench:memory`: on SIGUSR2 it writes the process's V8 view of its memory (heap spaces,
 * code, external and array buffers, malloc) to $BENCH_HEAP_DIR/PID.json. Measurement only;
 * never part of the service.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const dir = process.env.BENCH_HEAP_DIR;
if (dir) {
  process.on('SIGUSR2', () => {
    const spaces = {};
    for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = { physical: s.physical_space_size, used: s.space_used_size };
    const heap = v8.getHeapStatistics();
    const code = v8.getHeapCodeStatistics();
    const m = process.memoryUsage();
    const snapshot = {
      rss: m.rss,
      heapTotal: m.heapTotal,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      mallocedMemory: heap.malloced_memory,
      peakMallocedMemory: heap.peak_malloced_memory,
      codeAndMetadata: code.code_and_metadata_size,
      bytecodeAndMetadata: code.bytecode_and_metadata_size,
      spaces,
    };
    fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(snapshot));
  });
}
