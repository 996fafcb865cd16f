import JSZip from 'jszip';
import { checkContent, zipEntryNames } from '../../../ticketing/attachments/contentCheck';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa65d3a0000000049454e44ae426082',
  'hex',
);
const zip = async (files: Record<string, string>) => {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
};

describe('file content check (by bytes, never by name)', () => {
  it('accepts the allowed kinds and names the type found', async () => {
    expect(checkContent(PNG)).toMatchObject({ accepted: true, type: 'image/png' });
    expect(checkContent(Buffer.from('%PDF-1.7\n1 0 obj\n'))).toMatchObject({ accepted: true, type: 'application/pdf' });
    expect(checkContent(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toMatchObject({ accepted: true, type: 'image/jpeg' });
    expect(checkContent(Buffer.from('2026-12-01 10:00:01 ERROR Exchange transport: 451 4.7.0\n'))).toMatchObject({
      accepted: true,
      type: 'text/plain; charset=utf-8',
    });
    const docx = await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(checkContent(docx)).toMatchObject({ accepted: true, extensions: ['docx'] });
  });

  it('recognises a saved e-mail (.eml), HTML body and all, as message/rfc822', () => {
    const eml = Buffer.from(
      'Received: from mx.contoso.pl\r\nFrom: Anna <anna@contoso.pl>\r\nTo: it@contoso.pl\r\nSubject: Phishing?\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<html><script>alert(1)</script></html>\r\n',
    );
    expect(checkContent(eml)).toMatchObject({ accepted: true, type: 'message/rfc822', extensions: ['eml'] });
  });

  it('refuses programs whatever their name says, and says what they are', () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('PE\0\0')]);
    expect(checkContent(exe)).toEqual({ accepted: false, reason: expect.stringContaining('Windows program') });
    expect(checkContent(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'))).toEqual({
      accepted: false,
      reason: expect.stringContaining('Linux'),
    });
    expect(checkContent(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toEqual({ accepted: false, reason: expect.stringContaining('script') });
    expect(checkContent(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'))).toMatchObject({ accepted: false });
  });

  it('refuses HTML, SVG and XML (a browser would run their scripts), also when sent as a .png', () => {
    for (const markup of [
      '<!DOCTYPE html><html><body><script>fetch("/api/tickets")</script>',
      '  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<?xml version="1.0"?><x/>',
      'hello\n<script>alert(1)</script>',
    ]) {
      expect(checkContent(Buffer.from(markup))).toEqual({ accepted: false, reason: expect.stringContaining('HTML, SVG or XML') });
    }
  });

  it('refuses archives (and macro documents) by reading only the zip directory: a zip bomb is never inflated', async () => {
    // 8 MB of zeros deflate to a few KB; a bomb counts on being inflated. Its compressed data is
    // then garbled: the verdict stays the same, so nothing but the directory was read.
    const bomb = new JSZip();
    bomb.file('zeros.bin', Buffer.alloc(8 * 1024 * 1024));
    const packed = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    packed.fill(0xa5, 60, 60 + Math.floor(packed.length / 4));
    expect(checkContent(packed)).toEqual({ accepted: false, reason: expect.stringContaining('zip archive') });
    expect(zipEntryNames(packed)).toEqual(['zeros.bin']);

    const docm = await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>', 'word/vbaProject.bin': 'macro' });
    expect(checkContent(docm)).toEqual({ accepted: false, reason: expect.stringContaining('macros') });
    expect(checkContent(await zip({ 'setup.exe': 'MZ' }))).toMatchObject({ accepted: false });
    expect(checkContent(Buffer.from('PK\x03\x04 truncated', 'latin1'))).toEqual({
      accepted: false,
      reason: expect.stringContaining('damaged'),
    });
  });

  it('refuses binary content of no accepted kind, and empty files', () => {
    expect(checkContent(Buffer.from([0, 1, 2, 3, 0xfe, 0xff, 0, 0]))).toMatchObject({ accepted: false });
    expect(checkContent(Buffer.alloc(0))).toEqual({ accepted: false, reason: 'the file is empty' });
  });
});
