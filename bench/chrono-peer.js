#!/usr/bin/env node
// chrono-peer.js - the peer for scripts/bench: runs chrono-node over the same
// articles that `timeline tag` reads and reports how fast it went.
//
// Usage: node bench/chrono-peer.js ARTICLES.jsonl [--limit-bytes N]
//
// ARTICLES.jsonl is scripts/bench-gen's articles.jsonl: one {"id","date","text"}
// per line. Each text is parsed with chrono.parse(text, refDate), refDate being
// the article's date at 12:00 UTC. The clock starts after node and chrono-node
// have loaded, so startup is not counted; reading and JSON-decoding the lines
// is counted (timeline reads its files too), and parse time alone is reported
// as well. Prints one JSON object on stdout:
//   {"articles","bytes","mentions","wall_s","parse_s","cpu_s","max_rss_kb","chrono"}
'use strict';

const fs = require('fs');
const readline = require('readline');
const chrono = require('chrono-node');

function usage(msg) {
	process.stderr.write(`chrono-peer: ${msg}\nUsage: node chrono-peer.js ARTICLES.jsonl [--limit-bytes N]\n`);
	process.exit(1);
}

async function main() {
	const args = process.argv.slice(2);
	let input = null;
	let limit = Infinity;
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--limit-bytes') {
			limit = Number(args[++i]);
			if (!Number.isFinite(limit) || limit <= 0)
				usage('--limit-bytes needs a positive number');
		} else if (!input) {
			input = args[i];
		} else {
			usage(`unexpected argument '${args[i]}'`);
		}
	}
	if (!input)
		usage('give the articles.jsonl written by scripts/bench-gen');
	if (!fs.existsSync(input))
		usage(`${input}: no such file; run scripts/bench-gen first`);

	// Warm up the parser on one sentence so lazy initialization is not timed.
	chrono.parse('Talks resume on Tuesday, April 9, 2025.', new Date(Date.UTC(2025, 3, 7, 12)));

	const cpu0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	let parseNs = 0n;
	let articles = 0;
	let bytes = 0;
	let mentions = 0;
	const rl = readline.createInterface({
		input: fs.createReadStream(input, {encoding: 'utf8', highWaterMark: 1 << 20}),
		crlfDelay: Infinity,
	});
	for await (const line of rl) {
		if (!line)
			continue;
		let art;
		try {
			art = JSON.parse(line);
		} catch (e) {
			process.stderr.write(`chrono-peer: ${input}: line ${articles + 1}: ${e.message}\n`);
			process.exit(2);
		}
		const [y, m, d] = art.date.split('-').map(Number);
		const ref = new Date(Date.UTC(y, m - 1, d, 12));
		const p0 = process.hrtime.bigint();
		const results = chrono.parse(art.text, ref);
		parseNs += process.hrtime.bigint() - p0;
		mentions += results.length;
		articles++;
		bytes += Buffer.byteLength(art.text, 'utf8');
		if (bytes >= limit) {
			rl.close();
			break;
		}
	}
	const wallNs = process.hrtime.bigint() - t0;
	const cpu = process.cpuUsage(cpu0);
	let version = 'unknown';
	try {
		version = require('chrono-node/package.json').version;
	} catch (e) {
		// Packages with an "exports" map may hide package.json; read it by path.
		try {
			const dir = require.resolve('chrono-node').split('node_modules')[0];
			version = JSON.parse(fs.readFileSync(`${dir}node_modules/chrono-node/package.json`, 'utf8')).version;
		} catch (e2) { /* keep 'unknown' */ }
	}
	process.stdout.write(JSON.stringify({
		articles,
		bytes,
		mentions,
		wall_s: Number(wallNs) / 1e9,
		parse_s: Number(parseNs) / 1e9,
		cpu_s: (cpu.user + cpu.system) / 1e6,
		max_rss_kb: process.resourceUsage().maxRSS,
		chrono: version,
	}) + '\n');
}

main().catch((e) => {
	process.stderr.write(`chrono-peer: ${e.stack || e}\n`);
	process.exit(2);
});
