package gov.dadukou.guidance.knowledge;

/** An implementing department (实施单位) and the channel through which businesses reach it. */
public record Department(String name, String contact) {
}
