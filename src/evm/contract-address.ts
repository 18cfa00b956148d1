/** Addresses of created contracts: CREATE = keccak(rlp([sender, nonce]))[12:], CREATE2 (EIP-1014). */
import { addressFromBytes, addressToBytes, type Address } from '../primitives/address.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode, rlpScalar } from '../primitives/rlp.js';

export function createAddress(sender: Address, nonce: bigint): Address {
  return addressFromBytes(keccak256(rlpEncode([addressToBytes(sender), rlpScalar(nonce)])), 12);
}

export function create2Address(sender: Address, salt: Uint8Array, initcode: Uint8Array): Address {
  const buf = new Uint8Array(85);
  buf[0] = 0xff;
  addressToBytes(sender, buf, 1);
  buf.set(salt, 21);
  buf.set(keccak256(initcode), 53);
  return addressFromBytes(keccak256(buf), 12);
}
