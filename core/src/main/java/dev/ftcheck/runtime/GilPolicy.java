package dev.ftcheck.runtime;

import dev.ftcheck.runtime.thread.Gil;

/**
 * CPython's rule for the GIL in a free-threaded build: off unless forced on; each module import runs with it on
 * transiently; a module that does not declare Py_MOD_GIL_NOT_USED turns it on for good, with a RuntimeWarning —
 * unless the user forced a setting, in which case imports decide nothing and nothing is warned.
 */
public final class GilPolicy {
    /** CPython's warning, byte for byte, with the module name in place of %U. */
    static final String WARNING = "The global interpreter lock (GIL) has been enabled to load module '%s', which has"
            + " not declared that it can run safely without the GIL. To override this behavior and keep the GIL"
            + " disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.";

    private final GilSetting setting;
    private final Gil gil;
    private volatile boolean permanent;
    private volatile String reason;

    GilPolicy(GilSetting setting) {
        this.setting = setting;
        this.gil = new Gil(setting.enabledAtStart());
        this.reason = switch (setting) {
            case FORCE_ON -> "forced on (PYTHON_GIL=1 / --gil 1)";
            case FORCE_OFF -> "forced off (PYTHON_GIL=0 / --gil 0)";
            case DEFAULT -> "disabled: no module has required it";
        };
    }

    Gil gil() {
        return gil;
    }

    public GilSetting setting() {
        return setting;
    }

    public boolean enabled() {
        return gil.enabled();
    }

    public String reason() {
        return reason;
    }

    /** Before a module's init: the transient GIL (default setting only). Returns whether it was turned on here. */
    boolean beginImport() {
        if (setting == GilSetting.DEFAULT && !gil.enabled()) {
            gil.setEnabled(true);
            return true;
        }
        return false;
    }

    /**
     * Once the module object exists. Returns the warning text when this import turned the GIL on permanently,
     * else null: as in CPython, only the import that turns it on warns; later undeclared modules find it on.
     */
    String endImport(String module, boolean declaredNotUsed, boolean turnedOnHere) {
        if (setting != GilSetting.DEFAULT) {
            return null;
        }
        if (!declaredNotUsed) {
            boolean first = !permanent;
            permanent = true;
            gil.setEnabled(true);
            if (!first) {
                return null;
            }
            reason = "enabled: module '" + module + "' did not declare Py_MOD_GIL_NOT_USED";
            return String.format(WARNING, module);
        }
        if (turnedOnHere && !permanent) {
            gil.setEnabled(false);
        }
        return null;
    }

    /** A failed import leaves the GIL as it was before the import. */
    void abortImport(boolean turnedOnHere) {
        if (turnedOnHere && !permanent) {
            gil.setEnabled(false);
        }
    }
}
