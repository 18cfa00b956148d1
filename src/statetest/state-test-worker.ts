/** Worker thread for `parevm statetest --jobs N`: runs the files it is sent and returns their case results. */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { runStateTestFile, type StateTestCase } from './state-test.js';

export interface FileResult {
  file: string;
  cases: StateTestCase[];
  error?: string;
}

parentPort!.on('message', (file: string) => {
  let result: FileResult;
  try {
    result = { file, cases: runStateTestFile(JSON.parse(readFileSync(file, 'utf8'))) };
  } catch (error) {
    result = { file, cases: [], error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(result);
});
