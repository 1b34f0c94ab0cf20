#!/usr/bin/env bash
# Startup cost of the starter as whole processes: a cold JVM per run, a small non-web application, with the
# starter configured and without it (ankor.enabled=false, its own WebClient and RestClient beans), runs
# interleaved. Prints wall, user+sys CPU and peak RSS for each run and the medians.
# Usage (from the repository root): bash ankor-spring-boot-benchmarks/startup.sh [runs, default 6]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl ankor-spring-boot-benchmarks -am install -DskipTests >/dev/null
mvn -B -q -pl ankor-spring-boot-benchmarks dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
classpath="ankor-spring-boot-benchmarks/target/classes:$(cat "$work/cp")"
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$work/key.pem"
for i in $(seq 1 "$runs"); do
	for mode in baseline starter; do
		/usr/bin/time -f "$mode %e %U %S %M" -a -o "$work/times" \
			java -cp "$classpath" io.ankor.startupprobe.StartupProbe "$mode" "$work/key.pem" >/dev/null
	done
done
python3 - "$work/times" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
by = {}
for mode, wall, user, system, rss in rows:
	by.setdefault(mode, []).append((float(wall), float(user) + float(system), int(rss) / 1024))
print("| | baseline | starter | starter - baseline |")
print("|---|---:|---:|---:|")
for i, name in enumerate(["wall, s", "CPU, s", "peak RSS, MiB"]):
	b = statistics.median(r[i] for r in by["baseline"])
	s = statistics.median(r[i] for r in by["starter"])
	print(f"| {name} (median of {len(by['starter'])}) | {b:.2f} | {s:.2f} | {s - b:+.2f} |")
for mode in ("baseline", "starter"):
	print(mode, "runs (wall s, CPU s, RSS MiB):", ", ".join(f"{w:.2f}/{c:.2f}/{m:.0f}" for w, c, m in by[mode]))
PY
