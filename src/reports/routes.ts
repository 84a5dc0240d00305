import { z } from 'zod';
import { STAFF } from '../access/actor.js';
import { sendCsv } from '../http/csv-reply.js';
import { errors } from '../http/schemas.js';
import type { App, AppDeps } from '../http/types.js';
import { timeZoneSchema } from '../users/user-schemas.js';
import { countWrapUpCodes } from './count-wrap-up-codes.js';
import { attemptsCsv } from './export-attempts-csv.js';
import { customersCsv } from './export-customers-csv.js';
import { agentReportCsv, campaignReportCsv, wrapUpReportCsv } from './export-report-tables-csv.js';
import {
  agentReport,
  agentReportQuery,
  attemptFilters,
  attemptPage,
  attemptQuery,
  campaignReport,
  campaignReportQuery,
  customerFilters,
  customerPage,
  customerQuery,
  encodingQuery,
  periodQuery,
  wrapUpReport,
} from './report-schemas.js';
import { searchAttempts } from './search-attempts.js';
import { searchCustomers } from './search-customers.js';
import { summarizeAgents } from './summarize-agents.js';
import { summarizeCampaigns } from './summarize-campaigns.js';

const tags = ['reports'];
const csv = { produces: ['text/csv'] };

/**
 * Reports (R2, R3; docs/REPORTS.md): staff only; supervisors see the campaigns they hold a grant
 * on (naming another answers 403). Each report has a `.csv` twin with the same filters.
 */
export function reportRoutes(app: App, deps: AppDeps): void {
  const { db } = deps.storage;
  // The engine's clock when a dialer runs here (virtual time in simulations), else the app's.
  const clock = deps.dialer?.deps.ports.clock ?? deps.clock;

  app.get('/reports/campaigns', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Campaign report (R2): attempts, answers, abandons (D6), results, talk and wrap time, contacts, success, penetration; a chart series', querystring: campaignReportQuery, response: { 200: campaignReport, ...errors } },
  }, (req) => summarizeCampaigns(db, clock, req.actor!, req.query));

  app.get('/reports/campaigns.csv', {
    config: { roles: STAFF },
    schema: { tags, summary: 'The campaign report as CSV; table=series for the chart series', querystring: campaignReportQuery.extend(encodingQuery.shape).extend({ table: z.enum(['campaigns', 'series']).default('campaigns') }), ...csv },
  }, (req, reply) => sendCsv(reply, clock, 'campaign-report', req.query.encoding, campaignReportCsv(db, clock, req.actor!, req.query)));

  app.get('/reports/wrap-up-codes', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Results by wrap-up code (R2): per campaign and code, count and share', querystring: periodQuery, response: { 200: wrapUpReport, ...errors } },
  }, (req) => countWrapUpCodes(db, clock, req.actor!, req.query));

  app.get('/reports/wrap-up-codes.csv', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Results by wrap-up code as CSV', querystring: periodQuery.extend(encodingQuery.shape), ...csv },
  }, (req, reply) => sendCsv(reply, clock, 'wrap-up-codes', req.query.encoding, wrapUpReportCsv(db, clock, req.actor!, req.query)));

  app.get('/reports/agents', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Agent report (R2): logged-in, idle, talk, hold, wrap, not ready (per reason) time; calls, handle time, skips, completed records', querystring: agentReportQuery, response: { 200: agentReport, ...errors } },
  }, (req) => summarizeAgents(db, clock, req.actor!, req.query));

  app.get('/reports/agents.csv', {
    config: { roles: STAFF },
    schema: { tags, summary: 'The agent report as CSV', querystring: agentReportQuery.extend(encodingQuery.shape), ...csv },
  }, (req, reply) => sendCsv(reply, clock, 'agent-report', req.query.encoding, agentReportCsv(db, clock, req.actor!, req.query)));

  app.get('/reports/attempts', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Attempt history search (R2): by period, campaign, agent, result, code, phone, name; paginated', querystring: attemptQuery, response: { 200: attemptPage, ...errors } },
  }, (req) => searchAttempts(db, clock, req.actor!, req.query));

  app.get('/reports/attempts.csv', {
    config: { roles: STAFF },
    schema: { tags, summary: 'The attempt history search as CSV, every row (streamed)', querystring: attemptFilters.extend(encodingQuery.shape), ...csv },
  }, (req, reply) => sendCsv(reply, clock, 'attempts', req.query.encoding, attemptsCsv(db, clock, req.actor!, req.query)));

  app.get('/reports/customers', {
    config: { roles: STAFF },
    schema: { tags, summary: 'Customer search across lists (R3): name, phonetic name (kana), phone in any format, list; with each campaign\'s state of the record', querystring: customerQuery, response: { 200: customerPage, ...errors } },
  }, (req) => searchCustomers(db, req.actor!, req.query));

  app.get('/reports/customers.csv', {
    config: { roles: STAFF },
    schema: {
      tags,
      summary: 'The customer search as CSV, every match (streamed)',
      querystring: customerFilters.extend(encodingQuery.shape).extend({ timeZone: timeZoneSchema.optional().describe("zone of the CSV's times; default: mine") }),
      ...csv,
    },
  }, (req, reply) => sendCsv(reply, clock, 'customers', req.query.encoding, customersCsv(db, req.actor!, req.query)));
}
