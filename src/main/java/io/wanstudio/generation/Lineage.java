package io.wanstudio.generation;

/** How a task was made from another (its parent): the detail page shows the chain. */
public enum Lineage {
    /** The same inputs and parameters, possibly changed, as a new task. */
    REMIX("Remix of", "Remix"),
    /** A continuation with the parent's video as the first clip. */
    EXTEND("Extension of", "Extension"),
    /** A failed task submitted again as a new one. */
    RETRY("Retry of", "Retry"),
    /** The videos of an extension chain joined into one film, ending with the parent. */
    STITCH("Stitched from the chain of", "Stitched film");

    private final String label;
    private final String noun;

    Lineage(String label, String noun) {
        this.label = label;
        this.noun = noun;
    }

    /** What such a task is: "Remix", "Extension", ... */
    public String noun() {
        return noun;
    }

    /** "Remix of", "Extension of", ...: followed by the parent's number on pages. */
    public String label() {
        return label;
    }

    /** A new task's link to the task it was made from. */
    public record Origin(long parentTaskId, Lineage lineage) {
    }
}
