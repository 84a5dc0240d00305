import { sipCarrierContract } from '../support/sip-contract.js';

/** The SIP carrier (T2) passes the Carrier contract over UDP against baresip on loopback (tests/support/sip-contract.ts). */
sipCarrierContract('udp');
