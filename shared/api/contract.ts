/**
 * The API: every call the UI can make, with zod schemas of its input and output. One handler table in
 * electron/api implements it; the Electron IPC bridge, the loopback HTTP server and the tests all use it.
 */
import type { z } from 'zod';
import type { MethodDef } from './define';
import { analysisMethods } from './methods/analysis';
import { codingMethods } from './methods/coding';
import { dyadMethods } from './methods/dyads';
import { exportMethods } from './methods/export';
import { importMethods } from './methods/imports';
import { labReviewMethods } from './methods/labReview';
import { labServerMethods } from './methods/labServer';
import { mediaMethods } from './methods/media';
import { nameMethods } from './methods/names';
import { projectMethods } from './methods/project';
import { refiMethods } from './methods/refi';
import { sessionMethods } from './methods/sessions';
import { teamMethods } from './methods/team';

export const contract = {
  ...projectMethods,
  ...dyadMethods,
  ...sessionMethods,
  ...mediaMethods,
  ...importMethods,
  ...codingMethods,
  ...analysisMethods,
  ...exportMethods,
  ...refiMethods,
  ...teamMethods,
  ...labServerMethods,
  ...labReviewMethods,
  ...nameMethods,
} satisfies Record<string, MethodDef>;

type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
