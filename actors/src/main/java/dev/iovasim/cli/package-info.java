/**
 * The commands of {@code bin/iovasim} (picocli): one class per command, the option groups several
 * commands share as mixins, help texts whose lists come from the catalogues
 * ({@link dev.iovasim.cli.CompletionCandidates}), exit statuses and the JSON and CSV outputs. A
 * command parses and checks flags, then calls into the package that does the work. See
 * docs/cli.md.
 *
 * <p>May import: any package of iovasim (it is the top; nothing imports it).
 */
package dev.iovasim.cli;
