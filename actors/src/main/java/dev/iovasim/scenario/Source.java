package dev.iovasim.scenario;

/**
 * Where a published figure comes from: a mailing-list thread.
 *
 * @param subject  the thread's subject line
 * @param author   who reported the figure
 * @param date     when (as precise as known)
 * @param verified whether the figure was read in the thread itself through the project's search
 *                 tools; when false the figure is the one quoted in issue 16 and the citation says so
 */
public record Source(String subject, String author, String date, boolean verified) {
    public Source {
        if (subject == null || subject.isBlank()) throw new IllegalArgumentException("a source needs a subject");
        if (author == null || author.isBlank()) throw new IllegalArgumentException("a source needs an author");
    }

    /** One line: {@code "subject", author, date}, then the verification caveat when there is one. */
    public String cite() {
        String c = "\"" + subject + "\", " + author + ", " + date;
        return verified ? c : c + " (as reported in issue 16, not verified)";
    }
}
