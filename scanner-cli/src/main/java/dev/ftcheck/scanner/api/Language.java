package dev.ftcheck.scanner.api;

/** The grammar a C-family source was parsed with. */
public enum Language {
    C("c"), CPP("cpp");

    private final String id;

    Language(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
