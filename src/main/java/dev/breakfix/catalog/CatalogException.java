package dev.breakfix.catalog;

/** The catalog is invalid: names the file and the field that are wrong. Start-up stops on it. */
public class CatalogException extends RuntimeException {

    public CatalogException(String file, String field, String problem) {
        super(file + ": " + field + ": " + problem);
    }

    public CatalogException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
