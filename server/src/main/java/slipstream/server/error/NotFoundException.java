package slipstream.server.error;

/** An id names nothing stored: NOT_FOUND with a ResourceInfo detail. */
public final class NotFoundException extends SlipstreamException {

    private final String resourceType;
    private final String resourceName;

    public NotFoundException(String resourceType, String resourceName, String whatToDo) {
        super(resourceType.toUpperCase().replace(' ', '_') + "_NOT_FOUND",
                resourceType + " '" + resourceName + "' was not found. " + whatToDo, null);
        this.resourceType = resourceType;
        this.resourceName = resourceName;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceName() {
        return resourceName;
    }
}
