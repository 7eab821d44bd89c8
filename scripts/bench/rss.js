// Preloaded with `node -r` by the bench: reports the process's peak resident set size on exit.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
