package dev.ftcheck.cli;

import dev.ftcheck.runtime.stdlib.StandInModule;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The Java stand-in modules in the jars given to {@code ftcheck run --stand-in}. */
final class StandInJars {
    private StandInJars() {}

    static List<StandInModule> load(List<Path> jars) {
        if (jars.isEmpty()) {
            return List.of();
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        // kept open: the modules' classes load lazily, for as long as the run lasts
        URLClassLoader loader = new URLClassLoader(urls, StandInJars.class.getClassLoader());
        List<StandInModule> found = new ArrayList<>();
        try {
            ServiceLoader.load(StandInModule.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("--stand-in: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("--stand-in " + jars + ": no " + StandInModule.class.getName()
                    + " services (META-INF/services/" + StandInModule.class.getName() + ")");
        }
        return found;
    }
}
