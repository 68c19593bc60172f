package dev.iovasim.allocator.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Buffered ASCII output of unsigned decimals and short strings, without a String per number. */
public final class AsciiOut {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] digits = new byte[20];
    private int pos;

    public AsciiOut(OutputStream out) {
        this.out = out;
    }

    public void unsignedLine(long v) throws IOException {
        if (pos + 21 > buf.length) flush();
        int n = 0;
        if (v >= 0) {
            do {
                digits[n++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
        } else {
            long q = Long.divideUnsigned(v, 10);
            digits[n++] = (byte) ('0' + (v - q * 10));
            v = q;
            while (v != 0) {
                digits[n++] = (byte) ('0' + v % 10);
                v /= 10;
            }
        }
        while (n > 0) buf[pos++] = digits[--n];
        buf[pos++] = '\n';
    }

    public void line(String s) throws IOException {
        byte[] b = (s + "\n").getBytes(StandardCharsets.UTF_8);
        if (pos + b.length > buf.length) flush();
        if (b.length > buf.length) {
            out.write(b);
            return;
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    public void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.flush();
    }
}
