import policy from './transferPolicy.json';

// The part plan of S3 clients, which the service follows: a part size P, parts = ceil(size / P), every part
// exactly P bytes but the last; P >= 5 MiB when there is more than one part, at most 10,000 parts of at
// most 5 GiB. The limits come from transferPolicy.json, which Scenario.Sdk.Tests checks against
// Scenario.Formats' PartLimits, the service's and the SDK's one home for them.

export const MiB = 1024 * 1024;
const { minPartSize, maxPartSize, maxParts } = policy.partPlan;

/**
 * The part size this page picks: 8 MiB for small files, growing with the file so that a large one travels
 * in about 16 parts, up to 128 MiB (fewer, larger parts mean fewer requests and fewer flushes on the
 * service, while six in flight still keep a connection busy); always within 10,000 parts.
 */
export function partSizeFor(fileSize: number): number {
  let size = 8 * MiB;
  while (size < 128 * MiB && fileSize / size > 16) {
    size *= 2;
  }
  while (Math.ceil(fileSize / size) > maxParts && size < maxPartSize) {
    size = Math.min(size * 2, maxPartSize);
  }
  return size;
}

export function partsFor(fileSize: number, partSize: number): number {
  return Math.max(1, Math.ceil(fileSize / partSize));
}

/** The part size for an upload that already exists: the one it fixed, else one that fits its part count. */
export function partSizeOf(fileSize: number, partsCount: number, fixed?: number): number {
  if (fixed) {
    return fixed;
  }
  if (partsCount <= 1) {
    return Math.max(fileSize, 1);
  }
  const ours = partSizeFor(fileSize);
  if (partsFor(fileSize, ours) === partsCount) {
    return ours;
  }
  const even = Math.max(minPartSize, Math.ceil(fileSize / partsCount));
  if ((partsCount - 1) * even < fileSize && even * partsCount >= fileSize) {
    return even;
  }
  throw new Error(`No part size cuts ${fileSize} bytes into ${partsCount} parts.`);
}

export interface PartRange {
  start: number;
  end: number;
}

export function rangeOf(number: number, partSize: number, fileSize: number): PartRange {
  const start = (number - 1) * partSize;
  return { start, end: Math.min(fileSize, start + partSize) };
}
