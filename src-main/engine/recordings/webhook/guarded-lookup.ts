import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedAddressKind } from './address-policy';

/** Thrown (as the cause of a failed fetch) when a webhook host resolves to a refused address. */
export class RefusedAddressError extends Error {
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'RefusedAddressError';
  }
}

/**
 * A `lookup` for the socket's connect step: resolves the host, refuses it if any address it
 * resolves to is refused (a name that mixes public and private answers is a rebinding trick), and
 * hands the socket exactly the addresses it checked, so nothing resolves the name a second time.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    for (const { address } of addresses) {
      const kind = refusedAddressKind(address);
      if (kind !== null) {
        callback(
          new RefusedAddressError(`${hostname} resolves to ${address}, a ${kind} address`),
          '',
          0,
        );
        return;
      }
    }
    if (options.all) {
      callback(null, addresses);
      return;
    }
    const first = addresses[0];
    if (!first) {
      callback(
        Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }),
        '',
        0,
      );
      return;
    }
    callback(null, first.address, first.family);
  });
};
