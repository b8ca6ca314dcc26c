// Runs many Lighthouse audits one after another in ONE Chromium, through Lighthouse's Node API.
// (The `lighthouse` CLI would start and stop a browser for every run; on a 2-core machine that
// overhead adds minutes to `make audit`.) Called by tests/budgets/measure.py:
//
//   node tests/budgets/lighthouse.mjs jobs.json results.jsonl
//
// jobs.json: {"chromePath": "/usr/bin/chromium", "chromeFlags": [...], "jobs": [
//   {"id": "...", "url": "http://127.0.0.1:port/page/", "mode": "mobile" | "desktop",
//    "warmUrl": null | "http://127.0.0.1:port/other/"}]}
//
// A job without warmUrl is a first view: Lighthouse clears the origin's storage and the HTTP cache
// first (its default), and runs the four categories. A job with warmUrl is a repeat view: the same
// browser profile first loads warmUrl (filling the HTTP cache as a reader's visit would), then
// Lighthouse loads url with `disableStorageReset` (the cache stays warm) and reports only the
// network audits: what a reader downloads for a second page of the site.
//
// Writes one JSON object per job, per line, to results.jsonl, and a progress line per job to stderr.
import fs from 'node:fs';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  cls: 'cumulative-layout-shift',
  tbt: 'total-blocking-time',
  si: 'speed-index',
};

const [jobsFile, outFile] = process.argv.slice(2);
if (!jobsFile || !outFile) {
  console.error('usage: node lighthouse.mjs jobs.json results.jsonl');
  process.exit(2);
}
const {chromePath, chromeFlags, jobs} = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
fs.writeFileSync(outFile, '');

let chrome;
async function startChrome() {
  chrome = await chromeLauncher.launch({
    chromePath: chromePath || process.env.CHROME_PATH || undefined,
    chromeFlags,
    logLevel: 'silent',
  });
}
async function stopChrome() {
  try { await chrome?.kill(); } catch { /* already gone */ }
  chrome = undefined;
}

async function warm(url) {
  const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null});
  try {
    const page = await browser.newPage();
    // Start from an empty cache: only the warm-up page may fill it (not an earlier run).
    const cdp = await page.createCDPSession();
    await cdp.send('Network.clearBrowserCache');
    await page.goto(url, {waitUntil: 'networkidle0', timeout: 60000});
    await page.close();
  } finally {
    await browser.disconnect();
  }
}

function summarise(job, lhr, seconds) {
  const origin = new URL(job.url).origin;
  const requests = (lhr.audits['network-requests']?.details?.items || []).map(r => ({
    url: r.url,
    transferSize: r.transferSize ?? 0,
    resourceSize: r.resourceSize ?? 0,
    resourceType: r.resourceType,
    statusCode: r.statusCode,
  }));
  const failing = {};
  for (const [id, category] of Object.entries(lhr.categories)) {
    failing[id] = category.auditRefs
      .filter(ref => ref.weight > 0)
      .map(ref => lhr.audits[ref.id])
      .filter(audit => audit.score !== null && audit.score < 1
        && !['notApplicable', 'manual', 'informative'].includes(audit.scoreDisplayMode))
      .map(audit => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
  }
  const metrics = {};
  for (const [key, id] of Object.entries(METRICS)) {
    metrics[key] = lhr.audits[id]?.numericValue ?? null;
  }
  const scores = {};
  for (const id of CATEGORIES) {
    const score = lhr.categories[id]?.score;
    scores[id] = score === undefined || score === null ? null : Math.round(score * 100);
  }
  return {
    ...job,
    ok: !lhr.runtimeError,
    error: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
    seconds,
    finalUrl: lhr.finalDisplayedUrl,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    scores,
    metrics,
    bytes: lhr.audits['total-byte-weight']?.numericValue ?? null,
    requests,
    offsite: requests.filter(r => !r.url.startsWith('data:') && new URL(r.url).origin !== origin).map(r => r.url),
    failing,
    lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
    runWarnings: lhr.runWarnings || [],
  };
}

async function runJob(job) {
  const started = Date.now();
  // Left out: the full-page screenshot (a picture for the HTML report, ~1.4 s a run) and the
  // back/forward cache check (a second navigation): neither counts towards any score.
  const flags = {port: chrome.port, output: 'json', logLevel: 'error',
    disableFullPageScreenshot: true, skipAudits: ['bf-cache']};
  if (job.warmUrl) {
    await warm(job.warmUrl);
    flags.disableStorageReset = true;
    flags.onlyAudits = ['network-requests', 'total-byte-weight'];
  } else {
    flags.onlyCategories = CATEGORIES;
  }
  const config = job.mode === 'desktop' ? desktopConfig : undefined;
  const result = await lighthouse(job.url, flags, config);
  return summarise(job, result.lhr, (Date.now() - started) / 1000);
}

await startChrome();
let failures = 0;
try {
  for (const [n, job] of jobs.entries()) {
    let record;
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        record = await runJob(job);
        if (record.ok || attempt === 2) break;
      } catch (err) {
        record = {...job, ok: false, error: String(err?.stack || err)};
        if (attempt === 2) break;
      }
      // A run that failed is tried once more in a fresh browser.
      console.error(`  retrying ${job.id} after: ${record.error}`);
      await stopChrome();
      await startChrome();
    }
    if (!record.ok) failures++;
    fs.appendFileSync(outFile, JSON.stringify(record) + '\n');
    const kind = job.warmUrl ? 'repeat' : 'first ';
    const perf = record.scores ? ` perf ${record.scores.performance}` : '';
    console.error(`  [${n + 1}/${jobs.length}] ${job.mode.padEnd(7)} ${kind} ${job.url}`
      + ` ${record.ok ? `${Math.round(record.bytes)} B${perf}` : `FAILED: ${record.error}`}`
      + ` (${record.seconds ?? '?'} s)`);
  }
} finally {
  await stopChrome();
}
process.exit(failures ? 1 : 0);
