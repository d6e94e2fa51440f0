/**
 * A minimal, sandboxed WASI (preview1) host for running one command-line WebAssembly program to
 * completion, entirely in memory: arguments in, stdout/stderr and written files out.
 *
 * Why not `node:wasi`: it prints an ExperimentalWarning on every Node version rtbench supports and
 * maps real folders into the program. The speech synthesizer needs 13 calls; this host implements
 * exactly those, gives the program one empty preopened folder (`/out`) whose files live in memory,
 * no environment, and a clock frozen at 0 (so output never depends on when it ran).
 */

/** What a finished program left behind. */
export interface WasiRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Files the program created under {@link WASI_OUT_DIR}, by name. */
  files: Map<string, Uint8Array>;
}

/** The one folder the program sees; it starts empty and lives in memory. */
export const WASI_OUT_DIR = '/out';

const ERRNO = { SUCCESS: 0, BADF: 8, INVAL: 28, NOENT: 44, SPIPE: 70 } as const;
const FILETYPE = { CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4 } as const;
const OFLAGS_CREAT = 1;
const PREOPEN_FD = 3;

/** Thrown inside the program's stack by `proc_exit`, caught by {@link runWasiProgram}. */
class ProcExit {
  constructor(readonly code: number) {}
}

/** A growable in-memory file with a position, enough for a WAV writer that seeks back to its header. */
class MemoryFile {
  private bytes = new Uint8Array(1 << 16);
  private size = 0;
  position = 0;

  write(chunk: Uint8Array): void {
    const end = this.position + chunk.length;
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(end, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.size));
      this.bytes = grown;
    }
    this.bytes.set(chunk, this.position);
    this.position = end;
    this.size = Math.max(this.size, end);
  }

  get length(): number {
    return this.size;
  }

  contents(): Uint8Array {
    return this.bytes.slice(0, this.size);
  }
}

type Descriptor = { kind: 'stdin' } | { kind: 'stream'; chunks: Uint8Array[] } | { kind: 'dir' } | { kind: 'file'; name: string; file: MemoryFile };

/**
 * Instantiates `module` and runs its `_start` with `args` (args[0] is the program name).
 * @throws whatever the program traps with (a WebAssembly.RuntimeError), or a LinkError when it needs
 *   a WASI call this host does not offer
 */
export async function runWasiProgram(module: WebAssembly.Module, args: readonly string[]): Promise<WasiRunResult> {
  const encoder = new TextEncoder();
  const argBytes = args.map((a) => encoder.encode(`${a}\0`));
  const stdout: Uint8Array[] = [];
  const stderr: Uint8Array[] = [];
  const files = new Map<string, MemoryFile>();
  const fds = new Map<number, Descriptor>([
    [0, { kind: 'stdin' }],
    [1, { kind: 'stream', chunks: stdout }],
    [2, { kind: 'stream', chunks: stderr }],
    [PREOPEN_FD, { kind: 'dir' }],
  ]);
  let nextFd = PREOPEN_FD + 1;
  // eslint-disable-next-line prefer-const -- assigned once the module is instantiated, after the imports that read it are built
  let memory: WebAssembly.Memory | undefined;
  // The memory's buffer is replaced when the program grows it: take a fresh view on every call.
  const view = () => new DataView(memory!.buffer);
  const bytes = () => new Uint8Array(memory!.buffer);

  const iovecs = (iovs: number, count: number): Array<[number, number]> => {
    const v = view();
    return Array.from({ length: count }, (_, i) => [v.getUint32(iovs + i * 8, true), v.getUint32(iovs + i * 8 + 4, true)]);
  };

  const wasi = {
    args_sizes_get(argcPtr: number, bufSizePtr: number): number {
      view().setUint32(argcPtr, argBytes.length, true);
      view().setUint32(
        bufSizePtr,
        argBytes.reduce((n, a) => n + a.length, 0),
        true,
      );
      return ERRNO.SUCCESS;
    },
    args_get(argvPtr: number, bufPtr: number): number {
      let at = bufPtr;
      argBytes.forEach((a, i) => {
        view().setUint32(argvPtr + i * 4, at, true);
        bytes().set(a, at);
        at += a.length;
      });
      return ERRNO.SUCCESS;
    },
    clock_time_get(_id: number, _precision: bigint, timePtr: number): number {
      view().setBigUint64(timePtr, 0n, true);
      return ERRNO.SUCCESS;
    },
    fd_close(fd: number): number {
      if (!fds.has(fd)) return ERRNO.BADF;
      if (fd > PREOPEN_FD) fds.delete(fd);
      return ERRNO.SUCCESS;
    },
    fd_fdstat_get(fd: number, ptr: number): number {
      const d = fds.get(fd);
      if (!d) return ERRNO.BADF;
      const type = d.kind === 'dir' ? FILETYPE.DIRECTORY : d.kind === 'file' ? FILETYPE.REGULAR_FILE : FILETYPE.CHARACTER_DEVICE;
      const v = view();
      v.setUint8(ptr, type);
      v.setUint16(ptr + 2, 0, true);
      v.setBigUint64(ptr + 8, 0xffffffffffffffffn, true);
      v.setBigUint64(ptr + 16, 0xffffffffffffffffn, true);
      return ERRNO.SUCCESS;
    },
    fd_fdstat_set_flags(fd: number): number {
      return fds.has(fd) ? ERRNO.SUCCESS : ERRNO.BADF;
    },
    fd_prestat_get(fd: number, ptr: number): number {
      if (fd !== PREOPEN_FD) return ERRNO.BADF;
      view().setUint8(ptr, 0);
      view().setUint32(ptr + 4, encoder.encode(WASI_OUT_DIR).length, true);
      return ERRNO.SUCCESS;
    },
    fd_prestat_dir_name(fd: number, pathPtr: number, len: number): number {
      if (fd !== PREOPEN_FD) return ERRNO.BADF;
      bytes().set(encoder.encode(WASI_OUT_DIR).subarray(0, len), pathPtr);
      return ERRNO.SUCCESS;
    },
    fd_read(fd: number, _iovs: number, _count: number, nreadPtr: number): number {
      const d = fds.get(fd);
      if (!d) return ERRNO.BADF;
      if (d.kind !== 'stdin') return ERRNO.BADF;
      view().setUint32(nreadPtr, 0, true);
      return ERRNO.SUCCESS;
    },
    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPtr: number): number {
      const d = fds.get(fd);
      if (!d) return ERRNO.BADF;
      if (d.kind !== 'file') return ERRNO.SPIPE;
      const base = whence === 0 ? 0 : whence === 1 ? d.file.position : whence === 2 ? d.file.length : -1;
      const target = base + Number(offset);
      if (base < 0 || target < 0) return ERRNO.INVAL;
      d.file.position = target;
      view().setBigUint64(newOffsetPtr, BigInt(target), true);
      return ERRNO.SUCCESS;
    },
    fd_write(fd: number, iovs: number, count: number, nwrittenPtr: number): number {
      const d = fds.get(fd);
      if (!d || d.kind === 'stdin' || d.kind === 'dir') return ERRNO.BADF;
      let written = 0;
      for (const [ptr, len] of iovecs(iovs, count)) {
        const chunk = bytes().slice(ptr, ptr + len);
        if (d.kind === 'stream') d.chunks.push(chunk);
        else d.file.write(chunk);
        written += len;
      }
      view().setUint32(nwrittenPtr, written, true);
      return ERRNO.SUCCESS;
    },
    path_open(
      dirFd: number,
      _dirFlags: number,
      pathPtr: number,
      pathLen: number,
      oflags: number,
      _rb: bigint,
      _ri: bigint,
      _fdFlags: number,
      fdPtr: number,
    ): number {
      if (dirFd !== PREOPEN_FD) return ERRNO.BADF;
      const name = new TextDecoder().decode(bytes().slice(pathPtr, pathPtr + pathLen));
      let file = files.get(name);
      if (!file) {
        // Only files the program creates exist: the folder starts empty.
        if (!(oflags & OFLAGS_CREAT)) return ERRNO.NOENT;
        file = new MemoryFile();
        files.set(name, file);
      }
      const fd = nextFd++;
      fds.set(fd, { kind: 'file', name, file });
      view().setUint32(fdPtr, fd, true);
      return ERRNO.SUCCESS;
    },
    proc_exit(code: number): never {
      throw new ProcExit(code);
    },
  };

  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi });
  memory = instance.exports.memory as WebAssembly.Memory;
  let exitCode = 0;
  try {
    (instance.exports._start as () => void)();
  } catch (err) {
    if (!(err instanceof ProcExit)) throw err;
    exitCode = err.code;
  }
  const decode = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('utf8');
  return {
    exitCode,
    stdout: decode(stdout),
    stderr: decode(stderr),
    files: new Map([...files].map(([name, f]) => [name, f.contents()])),
  };
}
