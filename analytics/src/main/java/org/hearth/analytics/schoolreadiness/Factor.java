package org.hearth.analytics.schoolreadiness;

/** The circumstances the school-readiness report compares, as columns of linked.child_factors. */
public enum Factor {
  FREE_SCHOOL_MEALS("free_school_meals", "Eligible for free school meals"),
  BOY("boy", "Boy"),
  SUMMER_BORN("summer_born", "Summer born (May to August)"),
  ARREARS("arrears", "Household in council tax or rent arrears"),
  BENEFITS("benefits", "Household receives housing benefit or council tax reduction"),
  LONE_PARENT("lone_parent", "Lone-parent household"),
  DOMESTIC_ABUSE("domestic_abuse", "Domestic abuse recorded at the household"),
  SUBSTANCE_TREATMENT("substance_treatment", "Someone in drug or alcohol treatment"),
  SOCIAL_CARE("social_care", "Known to children's social care"),
  YOUTH_OFFENDING("youth_offending", "Someone known to the youth offending service"),
  ANTISOCIAL_BEHAVIOUR("antisocial_behaviour", "Anti-social behaviour recorded at the address");

  private final String column;
  private final String description;

  Factor(String column, String description) {
    this.column = column;
    this.description = description;
  }

  /** The boolean column of linked.child_factors (a constant, safe to put in SQL). */
  public String column() {
    return column;
  }

  public String description() {
    return description;
  }
}
