# A Java 17 runtime image built from the local Debian base, for machines that cannot reach a
# registry (tests and CI). Stands in for eclipse-temurin's JRE: docker-compose.yml takes it as
# IOVASIM_JRE_IMAGE. Built by .ci/containers-setup.sh.
ARG BASE_IMAGE=localhost/debian:bookworm
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
