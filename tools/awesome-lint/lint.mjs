// Lint README.md with awesome-lint's own configuration minus `awesome-github`, which asks the
// GitHub API about the repository (CI has no network). Exit 1 on any error-level message.
import path from 'node:path';
import process from 'node:process';
import lint from 'awesome-lint';
import {createConfig} from 'awesome-lint/config.js';
import {createRules} from 'awesome-lint/rules/index.js';

const skipped = new Set(['remark-lint:awesome-github']);
const rules = createRules().filter(([rule]) => !skipped.has(rule.name));
const filename = path.resolve(process.argv[2] ?? 'README.md');
const vfiles = await lint({filename, config: createConfig(rules)});

let errors = 0;
for (const vfile of vfiles) {
	for (const message of vfile.messages) {
		const warning = message.ruleId === 'awesome-spell-check';
		if (!warning) {
			errors++;
		}

		const where = `${path.basename(vfile.path)}:${message.line ?? 0}:${message.column ?? 0}`;
		console.log(`${where}: ${warning ? 'warning' : 'error'}: ${message.reason} (${message.source}:${message.ruleId})`);
	}
}

console.log(errors ? `awesome-lint: ${errors} error(s)` : 'awesome-lint: README.md passes');
process.exit(errors ? 1 : 0);
