#!/usr/bin/env bash
# Startup cost of the starter as whole processes: a cold JVM per run, a small non-web application, with the
# starter configured and without it (ankor.enabled=false, its own WebClient and RestClient beans), runs
# interleaved (each pair alternating which goes first). Prints wall, user+sys CPU and peak RSS for each run, the
# medians, and the median and quartiles of the pairs' differences.
# With --steps, it shows instead where the starter's share goes: Spring's startup steps (StartupSteps) of the
# application with its own clients, with and without the starter, timed by the clock and by the main thread's CPU
# time: the paired differences of the whole run and of parsing configuration classes, and the median self time of
# each of the starter's beans. With --floor, the baseline is compared with the floor instead of the
# starter: the baseline plus only the work the starter cannot defer past startup (binding and validating ankor.*,
# reading and checking the key), done as the starter does it. JAVA_OPTS, if set, is passed to every JVM.
# Usage (from the repository root): bash ankor-spring-boot-benchmarks/startup.sh [--steps | --floor] [runs, default 6]
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: bash ankor-spring-boot-benchmarks/startup.sh [--steps | --floor] [runs, default 6]"
steps=false
other=starter
runs=6
for argument in "$@"; do
	case $argument in
		--steps) steps=true ;;
		--floor) other=floor ;;
		*[!0-9]* | '' | 0*) echo "$usage" >&2; exit 2 ;;
		*) runs=$argument ;;
	esac
done
if $steps && [[ $other == floor ]]; then echo "$usage" >&2; exit 2; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl ankor-spring-boot-benchmarks -am install -DskipTests >/dev/null
mvn -B -q -pl ankor-spring-boot-benchmarks dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
classpath="ankor-spring-boot-benchmarks/target/classes:$(cat "$work/cp")"
openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$work/key.pem"
if $steps; then
	for i in $(seq 1 "$runs"); do
		if ((i % 2)); then order="baseline starter-own-clients"; else order="starter-own-clients baseline"; fi
		for mode in $order; do
			# shellcheck disable=SC2086
			java ${JAVA_OPTS:-} -cp "$classpath" io.ankor.startupprobe.StartupSteps "$mode" "$work/key.pem" \
				| sed -n "s/^step /$mode $i /p" >>"$work/steps"
		done
	done
	python3 - "$work/steps" <<'PY'
import statistics, sys
values = {}
for mode, pair, name, wall, cpu in (line.split() for line in open(sys.argv[1])):
	values.setdefault((mode, name), {})[int(pair)] = (int(wall) / 1000, int(cpu) / 1000)
def paired(name, i):
	base, starter = values[("baseline", name)], values[("starter-own-clients", name)]
	return statistics.median(starter[p][i] - base[p][i] for p in base)
for name, what in (("run", "the whole run"), ("config-classes", "parsing configuration classes")):
	print(f"{what}, ms, with the starter minus without (paired median of {len(values[('baseline', name)])}): "
		f"wall {paired(name, 0):+.0f}, main thread CPU {paired(name, 1):+.0f}")
# a bean missing from a run took no time in it
runs = sorted(values[("starter-own-clients", "run")])
beans = sorted(((statistics.median(times.get(p, (0, 0))[0] for p in runs),
		statistics.median(times.get(p, (0, 0))[1] for p in runs), name)
		for (mode, name), times in values.items()
		if mode == "starter-own-clients" and name not in ("run", "config-classes")), reverse=True)
print("self time of the starter's beans, ms (median wall / main thread CPU): "
	+ ", ".join(f"{name.replace('io.ankor.spring.boot.autoconfigure.', '')} {wall:.1f}/{cpu:.1f}"
		for wall, cpu, name in beans))
print(f"sum of the medians: wall {sum(b[0] for b in beans):.0f} ms, main thread CPU {sum(b[1] for b in beans):.0f} ms")
PY
	exit 0
fi
for i in $(seq 1 "$runs"); do
	# each pair alternates which mode starts first, so that neither always follows the other
	if ((i % 2)); then order="baseline $other"; else order="$other baseline"; fi
	for mode in $order; do
		# shellcheck disable=SC2086
		/usr/bin/time -f "$mode $i %e %U %S %M" -a -o "$work/times" \
			java ${JAVA_OPTS:-} -cp "$classpath" io.ankor.startupprobe.StartupProbe "$mode" "$work/key.pem" >/dev/null
	done
done
python3 - "$work/times" "$other" <<'PY'
import statistics, sys
other = sys.argv[2]
rows = [line.split() for line in open(sys.argv[1])]
by = {}
for mode, pair, wall, user, system, rss in rows:
	by.setdefault(mode, {})[int(pair)] = (float(wall), float(user) + float(system), int(rss) / 1024)
pairs = sorted(by["baseline"])
print(f"| | baseline | {other} | {other} - baseline | paired differences: median (quartiles) |")
print("|---|---:|---:|---:|---:|")
for i, name in enumerate(["wall, s", "CPU, s", "peak RSS, MiB"]):
	b = statistics.median(by["baseline"][p][i] for p in pairs)
	s = statistics.median(by[other][p][i] for p in pairs)
	d = [by[other][p][i] - by["baseline"][p][i] for p in pairs]
	q = statistics.quantiles(d, n=4, method="inclusive") if len(d) > 1 else [d[0], d[0], d[0]]
	print(f"| {name} (median of {len(pairs)}) | {b:.2f} | {s:.2f} | {s - b:+.2f} | {statistics.median(d):+.2f} ({q[0]:+.2f} to {q[2]:+.2f}) |")
for mode in ("baseline", other):
	print(mode, "runs (wall s, CPU s, RSS MiB):",
		", ".join(f"{w:.2f}/{c:.2f}/{m:.0f}" for w, c, m in (by[mode][p] for p in pairs)))
PY
