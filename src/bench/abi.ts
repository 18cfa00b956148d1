/**
 * The slice of the Solidity ABI the benchmarks need: function selectors and the encoding of calldata and
 * constructor arguments for static types (uintN, address, bool, bytes32) and `string` / `bytes`, driven by
 * the compiled contract's ABI JSON; plus the storage-slot arithmetic of mappings (for setup checks).
 */
import { addressToBytes, type Address } from '../primitives/address.js';
import { concatBytes } from '../primitives/bytes.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bigIntToBytes, bytesToBigInt } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBigInt, wordFromBytes, type Word } from '../primitives/word.js';
import type { AbiParameter, ContractArtifact } from './solc.js';

/** A JS value for one ABI argument: bigint/number (uintN), Address (address), boolean, string, bytes. */
export type AbiValue = bigint | number | boolean | string | Uint8Array;

const utf8 = new TextEncoder();

export function functionSelector(signature: string): Uint8Array {
  return keccak256(utf8.encode(signature)).subarray(0, 4);
}

function isDynamic(type: string): boolean {
  return type === 'string' || type === 'bytes';
}

function staticWord(type: string, value: AbiValue): Uint8Array {
  if (type === 'address') {
    if (typeof value !== 'string' || value.length !== 10) throw new InvalidInputError(`ABI: address argument must be an Address`, { details: String(value) });
    const out = new Uint8Array(32);
    addressToBytes(value as Address, out, 12);
    return out;
  }
  if (type === 'bool') return bigIntToBytes(value === true ? 1n : 0n, 32);
  if (/^uint(\d+)?$/.test(type)) {
    const bits = Number(type.slice(4) || '256');
    const n = typeof value === 'number' ? BigInt(value) : value;
    if (typeof n !== 'bigint' || n < 0n || n >= 1n << BigInt(bits)) throw new InvalidInputError(`ABI: ${type} argument out of range`, { details: String(value) });
    return bigIntToBytes(n, 32);
  }
  if (type === 'bytes32') {
    if (!(value instanceof Uint8Array) || value.length !== 32) throw new InvalidInputError('ABI: bytes32 argument must be 32 bytes');
    return value;
  }
  throw new InvalidInputError(`ABI: unsupported type ${type}`);
}

function dynamicTail(type: string, value: AbiValue): Uint8Array {
  const bytes = type === 'string' ? (typeof value === 'string' ? utf8.encode(value) : undefined) : value instanceof Uint8Array ? value : undefined;
  if (bytes === undefined) throw new InvalidInputError(`ABI: ${type} argument has the wrong JS type`, { details: typeof value });
  const padded = new Uint8Array(Math.ceil(bytes.length / 32) * 32);
  padded.set(bytes);
  return concatBytes(bigIntToBytes(BigInt(bytes.length), 32), padded);
}

/** abi.encode(values) for the given parameter types (head/tail layout). */
export function encodeArguments(types: readonly string[], values: readonly AbiValue[]): Uint8Array {
  if (types.length !== values.length) throw new InvalidInputError(`ABI: expected ${types.length} arguments, got ${values.length}`);
  const heads: Uint8Array[] = [];
  const tails: Uint8Array[] = [];
  let tailOffset = 32 * types.length;
  types.forEach((type, i) => {
    if (isDynamic(type)) {
      const tail = dynamicTail(type, values[i]!);
      heads.push(bigIntToBytes(BigInt(tailOffset), 32));
      tails.push(tail);
      tailOffset += tail.length;
    } else {
      heads.push(staticWord(type, values[i]!));
    }
  });
  return concatBytes(...heads, ...tails);
}

function parameterTypes(params: readonly AbiParameter[] | undefined): string[] {
  return (params ?? []).map((p) => p.type);
}

/** Calldata and deployment data for one compiled contract, by function name. */
export class ContractCodec {
  private readonly functions = new Map<string, { selector: Uint8Array; types: string[] }>();

  constructor(readonly artifact: ContractArtifact) {
    for (const entry of artifact.abi) {
      if (entry.type !== 'function' || entry.name === undefined) continue;
      const types = parameterTypes(entry.inputs);
      // Overloads (e.g. safeTransferFrom) are reachable by their full signature.
      const signature = `${entry.name}(${types.join(',')})`;
      const fn = { selector: functionSelector(signature), types };
      this.functions.set(signature, fn);
      if (!this.functions.has(entry.name)) this.functions.set(entry.name, fn);
    }
  }

  /** selector || abi.encode(args) for function `name` (or a full signature, for overloads). */
  calldata(name: string, ...args: AbiValue[]): Uint8Array {
    const fn = this.functions.get(name);
    if (fn === undefined) throw new InvalidInputError(`ABI: ${this.artifact.name} has no function ${name}`);
    return concatBytes(fn.selector, encodeArguments(fn.types, args));
  }

  /** Creation code followed by the encoded constructor arguments. */
  deployData(...args: AbiValue[]): Uint8Array {
    const ctor = this.artifact.abi.find((e) => e.type === 'constructor');
    return concatBytes(this.artifact.bytecode, encodeArguments(parameterTypes(ctor?.inputs), args));
  }

  /** The slot of a top-level storage variable (offset 0 only). */
  slot(label: string): bigint {
    const v = this.artifact.storage.find((s) => s.label === label);
    if (v === undefined) throw new InvalidInputError(`${this.artifact.name} has no storage variable ${label}`);
    return BigInt(v.slot);
  }
}

/** The slot of `mapping[key]` whose mapping lives at `baseSlot`: keccak256(pad32(key) || pad32(baseSlot)). */
export function mappingSlot(baseSlot: bigint, key: Address | bigint): bigint {
  const keyBytes = typeof key === 'bigint' ? bigIntToBytes(key, 32) : staticWord('address', key);
  return bytesToBigInt(keccak256(concatBytes(keyBytes, bigIntToBytes(baseSlot, 32))));
}

/** A slot number as a state Word. */
export function slotWord(slot: bigint): Word {
  return wordFromBigInt(slot);
}

/** keccak256(bytes) as a Word (e.g. an event topic). */
export function keccakWord(text: string): Word {
  return wordFromBytes(keccak256(utf8.encode(text)));
}
