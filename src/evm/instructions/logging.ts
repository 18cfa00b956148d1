/** LOG0-LOG4: 375 + 375 per topic (static) + 8 per data byte + memory expansion. */
import * as u256 from '../u256.js';
import { wordFromLimbs, type Word } from '../../primitives/word.js';
import type { Frame } from '../frame.js';
import { charge, expandMemory } from '../memory.js';
import { GAS_LOG_DATA } from '../gas-constants.js';
import { Status } from '../status.js';

export function makeLog(topicCount: number): (f: Frame) => void {
  return (f: Frame): void => {
    if (f.isStatic) {
      f.status = Status.STATIC_STATE_CHANGE;
      return;
    }
    const a = (f.sp - 1) << 3;
    const st = f.stack;
    const off = u256.toNumberOrMax(st, a);
    const size = u256.toNumberOrMax(st, a - 8);
    if (!charge(f, GAS_LOG_DATA * size)) return;
    if (!expandMemory(f, off, size)) return;
    const topics: Word[] = new Array(topicCount);
    for (let i = 0; i < topicCount; i++) topics[i] = wordFromLimbs(st, a - 16 - 8 * i);
    f.sp -= 2 + topicCount;
    const data = size === 0 ? new Uint8Array(0) : f.mem.slice(off, off + size);
    f.evm.journal.addLog({ address: f.address, topics, data });
  };
}
