package dev.palo.data.validate;

/**
 * One top-level element of a LLaVA JSON array, as bytes cut from the file before any decoding, so that one bad
 * record (bad UTF-8, bad JSON) is isolated from its neighbours.
 *
 * @param index              position in the array, from 0
 * @param offset             byte offset of its first byte in the file
 * @param size               its full size in bytes
 * @param bytes              its bytes, cut at the size limit when it is larger ({@link #truncated()})
 * @param structuralProblem  what is wrong with the array around it (e.g. the file ends inside it), or null
 */
public record RawRecord(long index, long offset, long size, byte[] bytes, String structuralProblem) {

    public boolean truncated() {
        return bytes.length < size;
    }
}
