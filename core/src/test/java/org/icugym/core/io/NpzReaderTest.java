package org.icugym.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.icugym.core.io.NpyTestFiles.npy;
import static org.icugym.core.io.NpyTestFiles.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.icugym.core.envs.icusepsis.IcuSepsisData;
import org.junit.jupiter.api.Test;

/** The {@code .npy}/{@code .npz} readers on well-formed and broken inputs. */
class NpzReaderTest {

    @Test
    void readsShapeAndValuesInCOrder() throws IOException {
        byte[] npy = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 1, 2, 3, 4, 5, 6.5);
        NpyArray a = NpyArray.read(new ByteArrayInputStream(npy), "a.npy");
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.data()).containsExactly(1, 2, 3, 4, 5, 6.5);
        assertThat(a.toMatrix()[1]).containsExactly(4, 5, 6.5);
    }

    @Test
    void readsOneDimensionalAndScalarShapes() throws IOException {
        NpyArray v = NpyArray.read(new ByteArrayInputStream(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                7, 8, 9)), "v.npy");
        assertThat(v.shape()).containsExactly(3);
        NpyArray s = NpyArray.read(new ByteArrayInputStream(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                42)), "s.npy");
        assertThat(s.shape()).isEmpty();
        assertThat(s.data()).containsExactly(42);
    }

    @Test
    void readsEveryEntryOfAnArchiveInOrder() throws IOException {
        byte[] zip = zip(Map.entry("b.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 2)),
                Map.entry("a.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 3, 4)));
        Map<String, NpyArray> arrays = NpzReader.readAll(new ByteArrayInputStream(zip), "x.npz");
        assertThat(arrays.keySet()).containsExactly("b", "a");
        assertThat(arrays.get("a").data()).containsExactly(3, 4);
    }

    @Test
    void rejectsBadMagic() {
        byte[] bytes = "PK\u0003\u0004 not an array at all".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> NpyArray.read(new ByteArrayInputStream(bytes), "x.npy"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: not a .npy array: expected magic bytes \\x93NUMPY, found \\x50\\x4b\\x03\\x04\\x20\\x6e");
    }

    @Test
    void rejectsUnsupportedDtypeAndLayout() {
        byte[] f4 = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 1);
        assertThatThrownBy(() -> NpyArray.read(new ByteArrayInputStream(f4), "x.npy"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: unsupported dtype '<f4': only little-endian float64 ('<f8') is supported");
        byte[] fortran = npy("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 1), }", 1);
        assertThatThrownBy(() -> NpyArray.read(new ByteArrayInputStream(fortran), "x.npy"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: unsupported layout fortran_order=True: expected C order (fortran_order=False)");
    }

    @Test
    void rejectsTruncatedDataSayingHowMuchWasExpected() {
        byte[] npy = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 1, 2, 3, 4, 5);
        assertThatThrownBy(() -> NpyArray.read(new ByteArrayInputStream(npy), "x.npy"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: truncated data: expected 48 bytes (6 float64 values of shape (2, 3)), got only 40 bytes");
    }

    @Test
    void rejectsTruncatedHeader() {
        byte[] npy = Arrays.copyOf(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 1), 20);
        assertThatThrownBy(() -> NpyArray.read(new ByteArrayInputStream(npy), "x.npy"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith("x.npy: truncated header: expected the 118-byte header, got only 10 bytes");
    }

    @Test
    void namesTheArchiveEntryOfATruncatedArray() {
        byte[] zip = zip(Map.entry("tx.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 1, 2)));
        assertThatThrownBy(() -> NpzReader.readAll(new ByteArrayInputStream(zip), "d.npz"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("d.npz entry 'tx.npy': truncated data: expected 32 bytes (4 float64 values of shape (4,)), "
                        + "got only 16 bytes");
    }

    @Test
    void rejectsSomethingThatIsNotAZipArchive() {
        byte[] bytes = "hello".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> NpzReader.readAll(new ByteArrayInputStream(bytes), "d.npz"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("d.npz: not an .npz archive: expected a zip of .npy entries, found no zip entries");
    }

    @Test
    void truncatedShippedArchiveNamesTheEntryBeingRead() throws IOException {
        byte[] full;
        try (InputStream in = IcuSepsisData.class.getResourceAsStream(IcuSepsisData.RESOURCE_DIR + "dynamics.npz")) {
            full = in.readAllBytes();
        }
        byte[] cut = Arrays.copyOf(full, 1_000_000);
        InputStream admissible = new ByteArrayInputStream(new byte[0]);
        assertThatThrownBy(() -> IcuSepsisData.read(new ByteArrayInputStream(cut), admissible, "copy"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("copy/dynamics.npz: truncated or corrupt zip archive while reading entry 'tx_mat.npy': "
                        + "Unexpected end of ZLIB input stream");
    }
}
