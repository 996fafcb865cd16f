import type { Request, Response } from 'restify';
import { HttpError } from '../../common/http';
import type { AttachmentRef } from '../domain/types';
import type { IncomingFile } from './attachmentStore';

/**
 * Sends a kept file to download, never to display: the browser is told not to guess its type,
 * not to render it inline and, if it ever did, to run nothing in it.
 */
export function sendFile(res: Response, attachment: AttachmentRef, data: Buffer): void {
  res.writeHead(200, {
    'content-type': attachment.type,
    'content-length': String(data.length),
    'content-disposition': contentDisposition(attachment.name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(data);
}

/** RFC 6266: an ASCII fallback name and the exact one in UTF-8. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The files of an upload: multipart/form-data (each `file` part, as Web Chat's Direct Line client
 * and browsers send them, plus an optional `activity` part returned as JSON), read up to `maxBytes`.
 */
export async function readUpload(req: Request, maxBytes: number): Promise<{ files: IncomingFile[]; fields: Map<string, string> }> {
  const type = req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'send the files as multipart/form-data, one "file" part each');
  }
  const body = await readBody(req, maxBytes);
  let form: FormData;
  try {
    form = await new globalThis.Response(new Blob([new Uint8Array(body)]), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new HttpError(400, 'invalid_upload', 'the multipart/form-data body could not be read');
  }
  const files: IncomingFile[] = [];
  const fields = new Map<string, string>();
  for (const [key, value] of form as unknown as Iterable<[string, string | File]>) {
    if (typeof value === 'string') fields.set(key, value);
    else if (key === 'activity') fields.set(key, await value.text());
    else files.push({ name: value.name || 'file', data: Buffer.from(await value.arrayBuffer()) });
  }
  return { files, fields };
}

/** The raw request body, refused with 413 as soon as it passes `maxBytes`. */
export function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.header('content-length') ?? NaN);
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'payload_too_large', `the upload is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`);
}
