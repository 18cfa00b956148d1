/** The registry of benchmark workloads, by name. */
import { InvalidInputError } from '../../primitives/errors.js';
import { ammWorkload } from './amm.js';
import { computeWorkload } from './compute.js';
import { daoWorkload } from './dao.js';
import { erc20Workload } from './erc20.js';
import { mixedWorkload } from './mixed.js';
import { nftWorkload } from './nft.js';
import { payrollWorkload } from './payroll.js';
import { rawWorkload } from './raw.js';
import type { WorkloadDefinition } from './workload.js';

export const WORKLOADS: readonly WorkloadDefinition[] = [rawWorkload, erc20Workload, payrollWorkload, ammWorkload, nftWorkload, daoWorkload, mixedWorkload, computeWorkload];

export function workloadByName(name: string): WorkloadDefinition {
  const w = WORKLOADS.find((d) => d.name === name);
  if (w === undefined) throw new InvalidInputError(`unknown workload ${JSON.stringify(name)}`, { details: `choose one of ${WORKLOADS.map((d) => d.name).join(', ')}` });
  return w;
}

export type { Workload, WorkloadDefinition, WorkloadOptions } from './workload.js';
