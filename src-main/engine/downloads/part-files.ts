import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { uniqueName } from './safe-name';

// The files of a download: its `.part` while it runs, and the finished file it becomes.

export async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

export async function removePart(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
}

export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Renames the finished `.part` to its name, or `name (1)`… if that exists by now: a hard link
 * fails rather than replace an existing file, so nothing is ever overwritten, even in a race.
 */
export async function moveIntoPlace(partPath: string, fileName: string): Promise<string> {
  const folder = dirname(partPath);
  let name = fileName;
  for (let tries = 0; tries < 1000; tries++) {
    const target = join(folder, name);
    try {
      await link(partPath, target);
      await unlink(partPath);
      await syncFolder(folder);
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        name = uniqueName(folder, fileName, (n) => n === name);
        continue;
      }
      // File systems without hard links (FAT, some network shares): check, then rename.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
        if (existsSync(join(folder, name))) name = uniqueName(folder, fileName);
        await rename(partPath, join(folder, name));
        return join(folder, name);
      }
      throw error;
    }
  }
  throw new Error('No free file name for the download');
}

/** Makes the rename itself durable; not possible on every platform (Windows), so best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
