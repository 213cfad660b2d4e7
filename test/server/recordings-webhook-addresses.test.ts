import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { refusedAddressKind } from '../../src-main/engine/recordings/webhook/address-policy';
import { webhookUrlProblem } from '../../src-main/engine/recordings/webhook/webhook-config';
import {
  guardedLookup,
  RefusedAddressError,
} from '../../src-main/engine/recordings/webhook/guarded-lookup';

describe('which addresses a recording webhook may reach', () => {
  it('refuses loopback, private, link-local, unspecified and the IPv6 forms that carry them', () => {
    const refused: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['127.8.9.10', 'loopback'],
      ['::1', 'loopback'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['64:ff9b::7f00:1', 'loopback'],
      ['2002:7f00:1::', 'loopback'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.1.1', 'private'],
      ['fd12:3456::1', 'private'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
    ];
    for (const [address, kind] of refused) expect(refusedAddressKind(address), address).toBe(kind);
    for (const address of [
      '8.8.8.8',
      '172.32.0.1',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2606:4700::1111',
    ]) {
      expect(refusedAddressKind(address), address).toBeNull();
    }
  });

  it('judges IP literals in the URL however they are spelled, at start', () => {
    for (const url of [
      'http://127.0.0.1/x',
      'http://2130706433/x',
      'http://0x7f.1/x',
      'http://[::ffff:127.0.0.1]/x',
    ]) {
      expect(webhookUrlProblem(url, false), url).toMatch(/loopback address/);
      expect(webhookUrlProblem(url, true), url).toBeNull();
    }
    expect(webhookUrlProblem('https://hooks.example.com/x', false)).toBeNull();
    expect(webhookUrlProblem('ftp://hooks.example.com/x', false)).toBe('must be an http(s) URL');
  });

  it('hands the socket exactly the addresses it checked, or refuses', async () => {
    const lookup = (host: string, all: boolean) =>
      new Promise<{ error: Error | null; address: string | LookupAddress[] }>((resolve) => {
        guardedLookup(host, { all }, (error, address) => resolve({ error, address }));
      });
    expect(await lookup('93.184.215.14', false)).toEqual({ error: null, address: '93.184.215.14' });
    expect(await lookup('93.184.215.14', true)).toEqual({
      error: null,
      address: [{ address: '93.184.215.14', family: 4 }],
    });
    const refused = await lookup('localhost', true);
    expect(refused.error).toBeInstanceOf(RefusedAddressError);
    expect(refused.error?.message).toMatch(/^localhost resolves to .*, a loopback address$/);
  });
});
