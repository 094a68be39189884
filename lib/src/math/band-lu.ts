/**
 * LU factorisation of a banded matrix without pivoting, and solves with it. Meant for matrices
 * that are diagonally dominant or close to it (no pivoting keeps the band), for example as a
 * preconditioner of an iterative solver ({@link gmres}).
 */
import { checkNumber, invalid } from "../core/validate";
import { bandLUBase64 } from "./band-lu-wasm";

/**
 * An n x n matrix with half-bandwidth b (entries with |row - column| <= b), stored by rows:
 * entry (t, j) at `entries[t * (2b + 1) + (j - t + b)]`; entries outside the matrix are ignored.
 */
export interface BandMatrix {
  /** Order n (integer >= 1). */
  n: number;
  /** Half-bandwidth b (integer >= 0). */
  halfWidth: number;
  /** The n (2b + 1) entries, row by row. */
  entries: Float64Array;
}

/** The module's exports: see band-lu.wat. */
interface BandExports {
  factor(n: number, b: number): number;
  solve(n: number, b: number, x: number): void;
}

declare const WebAssembly: {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
};

/** Bytes of one WebAssembly page. */
const PAGE_BYTES = 65536;
/** Most numbers of a factorisation (its entries and one vector): a WebAssembly memory of at most 4 GiB. */
const MAX_NUMBERS = 2 ** 29 - PAGE_BYTES / 8;

let compiled: object | undefined;

/**
 * The LU factors of a band matrix, A = L U with L unit lower triangular and U upper triangular,
 * both inside the band (Gaussian elimination without pivoting: no fill outside the band).
 * Cost n b^2 multiply-adds to factor, 2 n b per solve; memory n (2b + 2) numbers, in a
 * WebAssembly memory of its own (the loops are in band-lu.wat, two entries per instruction, with
 * the arithmetic of scalar loops: the same numbers, bit for bit).
 */
export class BandLU {
  /** Order n. */
  readonly n: number;
  /** Half-bandwidth b. */
  readonly halfWidth: number;
  private readonly wasm: BandExports;
  /** The vector of a solve, in the memory after the factors. */
  private readonly x: Float64Array;

  /**
   * Factors `matrix` (its entries are copied, not modified).
   * @param matrix the band matrix.
   * @throws ParameterError for a malformed matrix or one of more than 2^29 - 2^13 numbers with
   *   its vector (n (2 halfWidth + 2)); Error when a pivot is zero or not finite (the matrix
   *   needs pivoting or is singular).
   */
  constructor(matrix: BandMatrix) {
    const where = "BandLU";
    if (matrix === null || typeof matrix !== "object") invalid(where, "matrix", matrix, "{ n, halfWidth, entries }");
    const n = checkNumber(where, "n", matrix.n, { integer: true, min: 1 });
    const b = checkNumber(where, "halfWidth", matrix.halfWidth, { integer: true, min: 0 });
    if (!(matrix.entries instanceof Float64Array) || matrix.entries.length !== n * (2 * b + 1)) {
      invalid(where, "entries", matrix.entries, `a Float64Array of length n (2 halfWidth + 1) = ${n * (2 * b + 1)}`);
    }
    const numbers = n * (2 * b + 2);
    checkNumber(where, "n (2 halfWidth + 2)", numbers, { max: MAX_NUMBERS });
    this.n = n;
    this.halfWidth = b;
    compiled ??= new WebAssembly.Module(Buffer.from(bandLUBase64, "base64"));
    const memory = new WebAssembly.Memory({ initial: Math.ceil((8 * numbers) / PAGE_BYTES) });
    this.wasm = new WebAssembly.Instance(compiled, { env: { memory } }).exports as BandExports;
    new Float64Array(memory.buffer, 0, matrix.entries.length).set(matrix.entries);
    this.x = new Float64Array(memory.buffer, 8 * matrix.entries.length, n);
    const bad = this.wasm.factor(n, b);
    if (bad >= 0) {
      const pivot = new Float64Array(memory.buffer, 0, matrix.entries.length)[bad * (2 * b + 1) + b];
      throw new Error(`BandLU: pivot ${bad} is ${pivot}: the matrix needs pivoting or is singular`);
    }
  }

  /**
   * Solves A x = rhs.
   * @param rhs right-hand side (length n; not modified).
   * @param out receives x (length n; may be `rhs` itself).
   */
  solve(rhs: Float64Array, out: Float64Array): void {
    const { x, n } = this;
    x.set(rhs.length === n ? rhs : rhs.subarray(0, n));
    this.wasm.solve(n, this.halfWidth, x.byteOffset);
    out.set(x);
  }
}
