package org.icugym.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader of one {@code .npy} stream (NumPy format versions 1-3) holding little-endian float64
 * values in C order: parses the header on {@link #open}, then hands out the values either all at
 * once ({@link #readAll}) or row by row ({@link #readRows}) so large arrays can be converted
 * (e.g. to a sparse form) without materialising them.
 *
 * <p>Every failure is an {@link NpyFormatException} naming the source and what was expected.
 */
public final class NpyReader {
    /** The dtype this reader supports: little-endian IEEE 754 double. */
    public static final String SUPPORTED_DESCR = "<f8";

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Receives consecutive rows of an array; the row array is reused between calls. */
    @FunctionalInterface
    public interface RowConsumer {
        /** Called with row {@code index} (0-based) of the array viewed as rows. */
        void accept(long index, double[] row) throws IOException;
    }

    private final InputStream in;
    private final String source;
    private final int[] shape;
    private final long numElements;

    private NpyReader(InputStream in, String source, int[] shape) {
        this.in = in;
        this.source = source;
        this.shape = shape;
        this.numElements = numElements(shape);
    }

    /**
     * Reads and checks the header of a {@code .npy} stream; {@code source} names the stream (file
     * or archive entry) in error messages. The stream is not closed.
     */
    public static NpyReader open(InputStream in, String source) throws IOException {
        byte[] magic = readExactly(in, 8, source, "the 8-byte preamble (magic \\x93NUMPY and version)");
        if (!Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new NpyFormatException(source + ": not a .npy array: expected magic bytes \\x93NUMPY, found "
                    + hex(Arrays.copyOf(magic, 6)));
        }
        int major = magic[6] & 0xff;
        int headerLength;
        if (major == 1) {
            byte[] len = readExactly(in, 2, source, "the 2-byte header length");
            headerLength = (len[0] & 0xff) | (len[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] len = readExactly(in, 4, source, "the 4-byte header length");
            headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLength < 0) {
                throw new NpyFormatException(source + ": header length " + Integer.toUnsignedString(headerLength)
                        + " is too large");
            }
        } else {
            throw new NpyFormatException(source + ": unsupported .npy format version " + major + "."
                    + (magic[7] & 0xff) + ": expected 1.x, 2.x or 3.x");
        }
        String header = new String(readExactly(in, headerLength, source, "the " + headerLength + "-byte header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new NpyReader(in, source, parseHeader(header, source));
    }

    /** The array's shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of values in the array. */
    public long numElements() {
        return numElements;
    }

    /** The name of the stream used in error messages. */
    public String source() {
        return source;
    }

    /** Reads every value into a dense array. */
    public NpyArray readAll() throws IOException {
        if (numElements > Integer.MAX_VALUE - 8) {
            throw new NpyFormatException(source + ": shape " + shapeString(shape) + " is too large to read densely; "
                    + "read it row by row");
        }
        double[] data = new double[(int) numElements];
        if (numElements > 0) {
            int rowLength = shape.length == 0 ? 1 : shape[shape.length - 1];
            readRows(Math.max(rowLength, 1), (i, row) -> System.arraycopy(row, 0, data, (int) (i * row.length), row.length));
        }
        return new NpyArray(shape, data);
    }

    /**
     * Reads the values as consecutive rows of {@code rowLength} values (which must divide the
     * number of values), handing each to {@code consumer} in order.
     */
    public void readRows(int rowLength, RowConsumer consumer) throws IOException {
        if (rowLength <= 0 || numElements % rowLength != 0) {
            throw new IllegalArgumentException(source + ": row length " + rowLength + " does not divide "
                    + numElements + " values");
        }
        long rows = numElements / rowLength;
        byte[] bytes = new byte[rowLength * 8];
        double[] row = new double[rowLength];
        DoubleBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        for (long r = 0; r < rows; r++) {
            int n = in.readNBytes(bytes, 0, bytes.length);
            if (n < bytes.length) {
                long got = r * bytes.length + n;
                throw new NpyFormatException(source + ": truncated data: expected " + numElements * 8 + " bytes ("
                        + numElements + " float64 values of shape " + shapeString(shape) + "), got only " + got
                        + " bytes");
            }
            view.rewind();
            view.get(row);
            consumer.accept(r, row);
        }
    }

    static long numElements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as NumPy prints it: {@code (716,)}, {@code (716, 25)}, {@code ()}. */
    static String shapeString(int[] shape) {
        String joined = String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toList());
        return "(" + joined + (shape.length == 1 ? ",)" : ")");
    }

    private static int[] parseHeader(String header, String source) throws NpyFormatException {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new NpyFormatException(source + ": malformed .npy header " + header.strip()
                    + ": expected a dict with 'descr', 'fortran_order' and 'shape'");
        }
        if (!descr.group(1).equals(SUPPORTED_DESCR)) {
            throw new NpyFormatException(source + ": unsupported dtype '" + descr.group(1)
                    + "': only little-endian float64 ('" + SUPPORTED_DESCR + "') is supported");
        }
        if (fortran.group(1).equals("True")) {
            throw new NpyFormatException(source + ": unsupported layout fortran_order=True: expected C order "
                    + "(fortran_order=False)");
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int d = Integer.parseInt(p);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(source + ": malformed shape (" + shape.group(1)
                        + "): expected non-negative integers that fit in an int", e);
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] readExactly(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new NpyFormatException(source + ": truncated header: expected " + what + ", got only "
                    + b.length + " bytes");
        }
        return b;
    }

    private static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(String.format("\\x%02x", x & 0xff));
        }
        return b.toString();
    }
}
