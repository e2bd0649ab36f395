package kyodo.kernel.project;

/** The kinds of partner the city works with. */
public enum PartnerType {
    CITIZEN_GROUP, NPO, NEIGHBOURHOOD_ASSOCIATION, COMPANY, UNIVERSITY, CITY_DEPARTMENT, OTHER
}
