/**
 * Byte-level comparison of two BlockResults — the contract between the parallel and the sequential
 * executor: the canonical StateDiff encoding, every receipt's encoding, gas, blob gas, logs bloom and the
 * created contracts. Returns the differences (empty when equal).
 */
import { addressToHex } from '../primitives/address.js';
import { bytesEqual } from '../primitives/bytes.js';
import { encodeReceipt } from '../block/receipt.js';
import type { BlockResult } from '../execution/block.js';
import { encodeStateDiff, stateDiffToJson } from '../state/state-diff.js';

export function compareResults(expected: BlockResult, actual: BlockResult): string[] {
  const out: string[] = [];
  if (expected.gasUsed !== actual.gasUsed) out.push(`gasUsed ${expected.gasUsed} != ${actual.gasUsed}`);
  if (expected.blobGasUsed !== actual.blobGasUsed) out.push(`blobGasUsed ${expected.blobGasUsed} != ${actual.blobGasUsed}`);
  if (!bytesEqual(expected.logsBloom, actual.logsBloom)) out.push('logsBloom differs');
  if (expected.receipts.length !== actual.receipts.length) {
    out.push(`${expected.receipts.length} receipts != ${actual.receipts.length}`);
  } else {
    for (let i = 0; i < expected.receipts.length; i++) {
      if (!bytesEqual(encodeReceipt(expected.receipts[i]!), encodeReceipt(actual.receipts[i]!))) out.push(`receipt ${i} differs`);
      const a = expected.contractAddresses[i] ?? null;
      const b = actual.contractAddresses[i] ?? null;
      if (a !== b) out.push(`contract address of tx ${i}: ${a === null ? 'none' : addressToHex(a)} != ${b === null ? 'none' : addressToHex(b)}`);
    }
  }
  if (!bytesEqual(encodeStateDiff(expected.diff), encodeStateDiff(actual.diff))) {
    const e = JSON.stringify(stateDiffToJson({ accounts: [...expected.diff.accounts].sort((x, y) => (x.address < y.address ? -1 : 1)) }));
    const a = JSON.stringify(stateDiffToJson({ accounts: [...actual.diff.accounts].sort((x, y) => (x.address < y.address ? -1 : 1)) }));
    let at = 0;
    while (at < e.length && e[at] === a[at]) at++;
    out.push(`state diff differs near: expected …${e.slice(Math.max(0, at - 120), at + 120)}… actual …${a.slice(Math.max(0, at - 120), at + 120)}…`);
  }
  return out;
}
