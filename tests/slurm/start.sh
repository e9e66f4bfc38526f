#!/usr/bin/env bash
# Starts a single-node Slurm (munged, slurmctld, slurmd) on this machine for the sweep integration test and
# waits until the node is idle. Needs root; installs Debian's slurm-wlm and munge when they are missing.
# Idempotent: returns within a second when the cluster is already up. Exit status 0 = Slurm is usable.
set -uo pipefail

log() { echo "tests/slurm/start.sh: $*"; }

node_idle() { sinfo -h -N -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; }

if command -v sinfo >/dev/null 2>&1 && node_idle; then
    log "Slurm already running ($(sinfo -h -N -o '%N %t' | head -1))"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    log "not root: cannot install or start Slurm here"
    exit 2
fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    log "installing slurm-wlm and munge (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq slurm-wlm munge >/dev/null || { log "apt-get install failed"; exit 3; }
fi

cpus=$(nproc)
# Slurm refuses a node whose RealMemory exceeds what slurmd measures: declare a little less than MemTotal.
mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
mkdir -p /etc/slurm /var/spool/slurmd /var/spool/slurmctld /var/log/slurm /run/munge
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=local
SlurmctldHost=localhost
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SlurmUser=root
SlurmdUser=root
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
SchedulerParameters=batch_sched_delay=0
MaxArraySize=100000
NodeName=localhost NodeHostname=localhost CPUs=${cpus} RealMemory=${mem_mb} State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
chown munge:munge /run/munge 2>/dev/null || true
[ -f /etc/munge/munge.key ] || { command -v mungekey >/dev/null && mungekey --create >/dev/null 2>&1 || create-munge-key >/dev/null 2>&1; }

pgrep -x munged >/dev/null || munged --force || { log "munged failed to start"; exit 4; }
# -c: start from a clean job table; jobs saved by an earlier, killed run would otherwise hold the only node.
pgrep -x slurmctld >/dev/null || slurmctld -c || { log "slurmctld failed to start (see /var/log/slurm/slurmctld.log)"; exit 4; }
pgrep -x slurmd >/dev/null || slurmd || { log "slurmd failed to start (see /var/log/slurm/slurmd.log)"; exit 4; }

for _ in $(seq 1 60); do
    if node_idle; then log "Slurm up: $(sinfo -h -N -o '%N %t %c CPUs')"; exit 0; fi
    # A node that came back from an earlier run may be down or drained: return it to service.
    scontrol update NodeName=localhost State=RESUME >/dev/null 2>&1 || true
    sleep 1
done
log "node did not become idle within 60 s: $(sinfo -h -N -o '%N %t %E' 2>&1)"
exit 5
