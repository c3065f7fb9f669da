package dev.palo.data.mini.text;

/** The three kinds of LLaVA instruction data, named as LLaVA-Bench's {@code category} field names them. */
public enum Category {
    CONV("conv"), DETAIL("detail"), COMPLEX("complex");

    private final String benchName;

    Category(String benchName) {
        this.benchName = benchName;
    }

    public String benchName() {
        return benchName;
    }
}
