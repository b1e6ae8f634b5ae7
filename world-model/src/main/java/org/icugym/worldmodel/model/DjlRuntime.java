package org.icugym.worldmodel.model;

/**
 * Engine settings applied before DJL starts: offline mode unless the caller chose otherwise, so
 * the PyTorch natives always come from the classpath and nothing is downloaded at run time.
 */
public final class DjlRuntime {
    /** The DJL system property that forbids downloads. */
    public static final String OFFLINE = "ai.djl.offline";

    private DjlRuntime() {}

    /** Sets {@code ai.djl.offline=true} if the property is not set; call before the first DJL use. */
    public static void ensureOffline() {
        if (System.getProperty(OFFLINE) == null) {
            System.setProperty(OFFLINE, "true");
        }
    }
}
