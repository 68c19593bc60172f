# Prometheus from Debian's package on the local Debian base, for machines that cannot reach a
# registry (tests and CI). Laid out like prom/prometheus (entrypoint the prometheus binary, data
# in /prometheus, user nobody) so docker-compose.yml's command line serves both; the compose file
# takes it as PROMETHEUS_IMAGE. Built by .ci/containers-setup.sh.
ARG BASE_IMAGE=localhost/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/usr/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
