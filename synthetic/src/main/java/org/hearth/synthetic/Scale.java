package org.hearth.synthetic;

/** How big a county to generate. */
public enum Scale {
  /** One deprived town ward: about 10,000 people. */
  WARD(1, 1, 10_000),
  /** One district of 16 wards: about 185,000 people. */
  DISTRICT(1, 16, 11_500),
  /** Twelve districts: about 1.5 million people. */
  COUNTY(12, 11, 12_500);

  private final int districts;
  private final int wardsPerDistrict;
  private final int peoplePerWard;

  Scale(int districts, int wardsPerDistrict, int peoplePerWard) {
    this.districts = districts;
    this.wardsPerDistrict = wardsPerDistrict;
    this.peoplePerWard = peoplePerWard;
  }

  public int districts() {
    return districts;
  }

  public int wardsPerDistrict() {
    return wardsPerDistrict;
  }

  public int peoplePerWard() {
    return peoplePerWard;
  }
}
