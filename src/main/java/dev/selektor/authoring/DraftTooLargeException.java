package dev.selektor.authoring;

/**
 * A draft the model store cannot hold: nothing was written. Says how large the draft is and the most the store
 * takes, in bytes of the model's DMN, so that an editor knows how much to cut.
 */
public class DraftTooLargeException extends RuntimeException {
    private final long size;
    private final long limit;

    public DraftTooLargeException(String detail, long size, long limit) {
        super(detail);
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
