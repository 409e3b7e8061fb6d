// Loaded into electronegativity (NODE_OPTIONS=--import) by scripts/electronegativity.mjs.
// electronegativity 1.10.3 writes its CSV header and its rows with two concurrent fs.writeFile calls
// (util/file.js): the header's write can land at offset 0 after the rows were appended and overwrite the
// first finding, severity included. Serialising writeFile calls per file puts them back in call order.
import fs from 'node:fs';

const original = fs.writeFile;
const queues = new Map();

fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof file !== 'string') return original.call(fs, file, data, options ?? {}, callback);
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(
    () =>
      new Promise((resolve) => {
        original.call(fs, file, data, options ?? {}, (error) => {
          resolve();
          if (callback) callback(error);
        });
      }),
  );
  queues.set(file, next);
};
