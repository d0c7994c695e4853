"""Actor shapes of real agency news (issue 19), on sentences written for these tests, with the real model:
lowercase Korean demonyms, title-case headlines, hyphenated country compounds, demonym + title,
organisations whose name holds their country, DPRK bodies, ordinary words that code nothing, the
Soviet Union / Russia by date, KCNA's "puppet" idiom, "anti-" compounds, Spanish stories, Korean
given names and surnames, and rebel-group names made of ordinary words."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors.codes import split_code

pytestmark = pytest.mark.slow

ON = date(2011, 6, 1)


@pytest.fixture
def found(nlp, resolver):
    """text → {mention text: code}, members of a group listed under the group's text as a tuple."""
    def run(text: str, on: date | None = ON) -> dict[str, object]:
        out: dict[str, object] = {}
        for m in resolver.mentions(nlp(text), on):
            out[m.span.text] = tuple(x.span.code for x in m.members) if m.members else m.span.code
        return out
    return run


def countries(result: dict[str, object]) -> set[str]:
    codes = [c for v in result.values() for c in (v if isinstance(v, tuple) else (v,))]
    return {split_code(c)[0] for c in codes if c and split_code(c)[0]}


@pytest.mark.parametrize("text, mention, code", [
    ("The south Korean authorities banned the rally on Sunday.", "The south Korean authorities", "KORGOV"),
    ("Observers say the south Korean puppet army fired shells.", "the south Korean puppet army", "KORMIL"),
    ("The paper slammed the south Korean warmongers for the drills.", "the south Korean warmongers", "KOR"),
    ("Tension rose after drills in south Korea last week.", "south Korea", "KOR"),
    ("A north Korean official spoke to reporters.", "A north Korean official", "PRKGOV"),
    ("The article said the U.S. imperialists started the war.", "the U.S. imperialists", "USA"),
])
def test_lowercase_korean_forms_and_us_imperialists(found, text, mention, code):
    assert found(text).get(mention) == code


@pytest.mark.parametrize("text, mention", [
    ("Two GIs were arrested after the brawl near the base.", "Two GIs"),
    ("Students in Seoul Denounce GIs' Crimes", None),
    ("A GI stationed there drove the truck.", "A GI"),
])
def test_gis_are_us_soldiers(found, text, mention):
    result = found(text)
    if mention is None:  # a headline's title-case chunk: the GIs are a mention in it
        assert "USAMIL" in result.values(), result
    else:
        assert result.get(mention) == "USAMIL"


@pytest.mark.parametrize("text, mention, code", [
    ("The Russian consul-general in Chongjin laid a wreath.", "The Russian consul-general", "RUSGOV"),
    ("The Chinese consul general gave a reception.", "The Chinese consul general", "CHNGOV"),
    ("A Russian general of the army laid a wreath.", "A Russian general", "RUSMIL"),
])
def test_a_consul_general_is_a_diplomat_not_an_officer(found, text, mention, code):
    assert found(text).get(mention) == code


@pytest.mark.parametrize("text, mention, code", [
    ("The Peruvian Association for the Study of the Juche Idea released a statement.", "The Peruvian Association",
     "PERNGO"),
    ("The Korean Friendship Association of Norway held a seminar.", "The Korean Friendship Association of Norway",
     "NORNGO"),
    ("The Nepalese Society for Friendship with Korea sent a message.", "The Nepalese Society", "NPLNGO"),
    ("The Russian Federation sent a message.", "The Russian Federation", "RUS"),  # a state's name stays the state
])
def test_a_friendship_association_is_no_state(found, text, mention, code):
    """KCNA's foreign senders are mostly associations and societies; coded as their country with no sector they
    stood for the state itself (a month of condolences put the U.S. and Britain in the DPRK's bloc)."""
    assert found(text).get(mention) == code


def test_the_cpv_is_chinas_army_in_korea(found):
    assert found("Officials laid wreaths at the cemetery of the CPV martyrs.").get("the CPV martyrs") == "CHNMIL"


def test_a_place_that_ends_a_persons_name_is_no_country_of_theirs(found):
    result = found("The message went to Sheikh Sabah Al-Ahmad Al-Jaber Al-Sabah, emir of Kuwait, on Monday.")
    assert countries(result) == {"KWT"}, result  # Sabah is a Malaysian state, and here a family name


@pytest.mark.parametrize("text, want", [
    ("Chad Johnson, a Canadian senator, praised Jordan Peterson during his visit to Lima on Monday.", {"CAN", "PER"}),
    ("The gift went to the Peruvian Ambassador to Chile Ri Hyon Gwan on Monday.", {"PER", "CHL"}),
    ("The Chad President Idriss Deby met Jordan's King Abdullah.", {"TCD", "JOR"}),
])
def test_a_country_opening_a_persons_name_is_their_first_name(found, text, want):
    assert countries(found(text)) == want


@pytest.mark.parametrize("text, want", [
    ("Nepal Bans away Cheap Imports from India", {"NPL", "IND"}),
])
def test_a_title_case_headline_with_lowercase_function_words_is_a_headline(found, text, want):
    """Title case leaves "away", "from", "against" in lowercase; the line is still a headline, where the parser
    takes a country and the next capitalised word for a person ("Nepal Bans"): the country stays a country."""
    assert countries(found(text)) == want


def test_the_pna_is_the_palestinian_authority(found):
    assert found("The PNA condemned the raid on Gaza.").get("The PNA") == "PSEGOV"


def test_an_acronyms_plural_opens_a_name_but_codes_only_what_the_dictionary_holds(found):
    assert countries(found("The NGOs and the MPs met in the hall.")) == set()


def test_the_north_and_the_south_in_a_korean_story(found):
    result = found("Officials in Pyongyang said talks between the north and the south should resume.")
    assert result.get("the north") == "PRK" and result.get("the south") == "KOR"


def test_the_south_of_a_country_is_a_place_not_korea(found):
    result = found("Seoul sent aid after floods hit the south of the country.")
    assert "KOR" not in {v for k, v in result.items() if k != "Seoul"}


def test_hyphenated_countries_are_a_group_of_those_countries(found):
    result = found("Beijing Daily Slams US-Japan-S. Korea Naval Drills")
    assert result.get("US-Japan-S. Korea Naval Drills") == ("USAMIL", "JPNMIL", "KORMIL")


def test_one_token_compound_names_both_countries(found):
    result = found("Critics called the U.S.-Japan alliance a threat to peace.")
    assert result.get("the U.S.-Japan alliance") == ("USA", "JPN")


@pytest.mark.parametrize("text, want", [
    ("A Peruvian party condemned the U.S.-south Korea Key Resolve joint exercises.", {"PER", "USA", "KOR"}),
    ("The paper denounced the U.S.-south Korean naval drills near the border.", {"USA", "KOR"}),
    ("Observers expect the U.S.-north Korea talks to resume soon.", {"USA", "PRK"}),
])
def test_a_compound_ending_in_south_or_north_takes_korea(found, text, want):
    assert want <= countries(found(text))


@pytest.mark.parametrize("text, want", [
    ("Rodong Sinmun Urges Japan to Lift Sanctions", {"PRK", "JPN"}),
    ("KCNA Decries S. Korean Puppet Group's Smear Campaign", {"PRK", "KOR"}),
    ("Nepali Organization Honours Kim Jong Il", {"NPL", "PRK"}),
    ("S. Korean Chief Executive's Servile U.S. Trip Criticised", {"KOR", "USA"}),
])
def test_title_case_headline_gives_every_country_it_names(found, text, want):
    assert countries(found(text)) == want


def test_title_case_headline_demonym_and_title(found):
    assert found("Lao President Tours Pyongyang Factory").get("Lao President") == "LAOGOV"


@pytest.mark.parametrize("text, mention, code", [
    ("The Lao President received the envoy.", "The Lao President", "LAOGOV"),
    ("The Ugandan President sent a message.", "The Ugandan President", "UGAGOV"),
    ("He met the Russian ambassador on Friday.", "the Russian ambassador", "RUSGOV"),
    ("Kenyan President William Ruto spoke first.", "Kenyan President William Ruto", "KENGOV"),
])
def test_demonym_and_title(found, text, mention, code):
    assert found(text).get(mention) == code


@pytest.mark.parametrize("text, country", [
    ("The Denmark-DPRK Friendship Association held a seminar.", "DNK"),
    ("The Brazilian Committee for Solidarity with the DPRK issued a statement.", "BRA"),
    ("The Nepal Workers and Peasants Party praised the plan.", "NPL"),
    ("The Belorussian Youth Association for Juche Studies met in Minsk.", "BLR"),
    ("The Hungarian Communist Workers' Party laid a wreath.", "HUN"),
    ("The Communist Party of the Democratic Congo sent greetings.", "COD"),
])
def test_organisation_takes_the_country_its_name_holds(found, text, country):
    first = next(iter(found(text).values()))
    assert split_code(first)[0] == country


def test_friendship_named_farm_is_of_the_first_country(found):
    result = found("The guests toured the DPRK-Laos Friendship Rice Farm.")
    assert result.get("the DPRK-Laos Friendship Rice Farm") == "PRK"


@pytest.mark.parametrize("text, mention, code", [
    ("The Korean People's Army staged a parade.", "The Korean People's Army", "PRKMIL"),
    ("The KPA Western Front Command issued a warning.", "The KPA Western Front Command", "PRKMIL"),
    ("The Kim Il Sung Socialist Youth League held a rally.", "The Kim Il Sung Socialist Youth League", "PRK"),
    ("The Kimilsungist-Kimjongilist Youth League held a rally.",
     "The Kimilsungist-Kimjongilist Youth League", "PRK"),
    ("The WPK convened a conference.", "The WPK", "PRKPTY"),
    ("The Workers' Party of Korea convened a conference.", "The Workers' Party of Korea", "PRKPTY"),
    ("The Supreme People's Assembly passed a law.", "The Supreme People's Assembly", "PRKLEG"),
    ("The CPRK released a bulletin.", "The CPRK", "PRKGOV"),
    ("The Committee for the Peaceful Reunification of Korea released a bulletin.",
     "The Committee for the Peaceful Reunification of Korea", "PRKGOV"),
    ("The National Defence Commission issued an order.", "The National Defence Commission", "PRKGOV"),
    ("KCNA carried the report.", "KCNA", "PRKMED"),
    ("Minju Joson ran a commentary.", "Minju Joson", "PRKMED"),
])
def test_dprk_bodies(found, text, mention, code):
    assert found(text).get(mention) == code


@pytest.mark.parametrize("text", [
    "The Western Front Command issued a warning.",
    "The Youth Park opened on Sunday.",
    "The organization held its congress.",
    "The Republic celebrated its founding day.",
    "Us too, they said.",
])
def test_ordinary_words_code_no_country(found, text):
    assert countries(found(text)) == set()


def test_a_region_word_in_a_name_cuts_nothing(found):
    result = found("India Europe Times carried the story.")
    assert "EUR" not in countries(result)


@pytest.mark.parametrize("on, code", [(date(1985, 5, 1), "SUNGOV"), (date(2011, 5, 1), "RUSGOV")])
def test_moscow_is_soviet_before_1992_and_russian_after(found, on, code):
    assert found("Moscow signed the treaty.", on).get("Moscow") == code


@pytest.mark.parametrize("on, code", [(date(1985, 5, 1), "SUN"), (date(2011, 5, 1), "RUS")])
def test_russia_by_date(found, on, code):
    assert found("Russia sent a delegation.", on).get("Russia") == code


def test_the_soviet_union_stays_soviet_in_a_later_story(found):
    assert found("The Soviet Union helped rebuild the city.", date(2011, 5, 1)).get("The Soviet Union") == "SUN"


def test_a_list_of_countries_opening_a_headline_is_no_dateline(found):
    assert countries(found("U.S., Japan Blamed for Tension in Region")) == {"USA", "JPN"}


def test_a_dateline_is_still_dropped(found):
    result = found("PYONGYANG, May 3 (KCNA) -- Japan sent a note.")
    assert "PYONGYANG" not in result and result.get("Japan") == "JPN"


@pytest.mark.parametrize("text, mention, code", [
    ("The Afghan-born U.S. special envoy arrived.", "The Afghan-born U.S. special envoy", "USAGOV"),
    ("Qatari Prime Minister Sheikh Hamad spoke.", "Qatari Prime Minister Sheikh Hamad", "QATGOV"),
])
def test_origin_adjectives_and_titles_do_not_cut_a_mention(found, text, mention, code):
    assert found(text).get(mention) == code


# -- KCNA's "puppet" idiom: south Korea's government, army and politicians -------------------------------

@pytest.mark.parametrize("text, mention, code", [
    ("Pyongyang said the puppet authorities staged a farce.", "the puppet authorities", "KORGOV"),
    ("The puppet group escalated tension near Kaesong, the DPRK paper said.", "The puppet group", "KOR"),
    ("The DPRK warned the puppet warmongers against new drills.", "the puppet warmongers", "KOR"),
    ("The puppet army fired shells near the DPRK coast.", "The puppet army", "KORMIL"),
    ("Seoul's masters and their puppets met in Pyongyang's absence.", "their puppets", "KOR"),
])
def test_the_puppets_of_a_korean_story_are_south_korea(found, text, mention, code):
    assert found(text).get(mention) == code


def test_a_puppet_of_a_named_country_is_that_country(found):
    result = found("The puppet government of Afghanistan was praised in Seoul.")
    assert result.get("The puppet government of Afghanistan") == "AFGGOV"


def test_the_puppet_authorities_are_not_taken_from_an_earlier_foreign_government(found):
    result = found("The Japanese authorities protested to Pyongyang. Later the puppet authorities proposed a new "
                   "name for the sea.")
    assert result.get("the puppet authorities") == "KORGOV"


def test_a_puppet_outside_a_korean_story_has_no_country(found):
    assert countries(found("Critics in the capital called the new cabinet a puppet regime.")) == set()


# -- "anti-" and other modifiers name no actor --------------------------------------------------------

@pytest.mark.parametrize("text, absent", [
    ("Students in Seoul staged an anti-U.S. rally on Sunday.", "USA"),
    ("Anti-US Rally Held in Seoul", "USA"),
    ("The paper denounced the anti-DPRK smear campaign of the puppet group.", "PRK"),
    ("Anti-DPRK Campaign of Puppet Group Flayed", "PRK"),
    ("He recalled the anti-Japanese revolutionary struggle of the 1930s.", "JPN"),
    ("The DPRK-bashing campaign of the conservatives failed in Seoul.", "PRK"),
])
def test_a_country_inside_an_anti_compound_is_no_actor(found, text, absent):
    assert absent not in countries(found(text))


def test_the_anti_compound_leaves_the_actor_of_the_sentence(found):
    assert countries(found("Anti-DPRK Campaign of Puppet Group Flayed")) == {"KOR"}


# -- rebel-group names made of ordinary words, Kim Il Sung's armies -------------------------------------

@pytest.mark.parametrize("text, absent", [
    ("He recalled the Anti-Japanese Revolutionary Struggle in a speech.", "GRC"),
    ("The foundation of the independent economy was laid in the 1950s.", "USA"),
    ("The choir sang We Will Win at the concert.", "VEN"),
    ("The National Liberation Movement of the colonies grew stronger.", "URY"),
])
def test_phrases_of_ordinary_words_code_no_rebel_group(found, text, absent):
    assert absent not in countries(found(text))


@pytest.mark.parametrize("text, mention", [
    ("The Korean People's Revolutionary Army fought in the forests.", "The Korean People's Revolutionary Army"),
    ("The Anti-Japanese People's Guerrilla Army was founded in 1932.",
     "The Anti-Japanese People's Guerrilla Army"),
])
def test_kim_il_sungs_armies_of_the_1930s_are_korean(found, text, mention):
    assert found(text).get(mention) == "PRKMIL"


# -- Korean given names and surnames --------------------------------------------------------------------

def test_two_letter_syllables_of_korean_names_are_no_un_or_uk(found):
    result = found("Kim Un Hye met the UN envoy, and Hyon Uk left for the UK.")
    assert "IGOUNO" not in {result.get("Kim Un Hye"), result.get("Hyon Uk")}
    assert "GBR" not in {result.get("Kim Un Hye"), result.get("Hyon Uk")}
    assert result.get("the UK") == "GBR" and split_code(result.get("the UN envoy"))[1] == "IGO"


def test_a_surname_inside_another_korean_name_does_not_take_its_country(found):
    result = found("Kim Kwan Jin spoke in Seoul. Kim Yong Chol answered him in Pyongyang. Kim said more.")
    assert split_code(result.get("Kim Kwan Jin"))[0] == "KOR"
    assert split_code(result.get("Kim Yong Chol"))[0] is None
    assert split_code(result.get("Kim"))[0] == "KOR"


def test_a_surname_alone_in_a_headline_still_takes_the_persons_country(found):
    result = found("Mahmoud Abbas spoke in Ramallah. Abbas Slams Israel's Settlement Plan")
    assert split_code(result.get("Abbas"))[0] == "PSE"  # the headline's verb is no word of the name


def test_the_last_word_of_an_organisation_is_no_surname(found):
    result = found("El Ejército Popular de Corea desfiló. Los periodistas de Corea lo vieron.")
    assert [code for text, code in result.items() if "Ejército" in text] == ["PRKMIL"]
    assert [split_code(code)[0] for text, code in result.items() if "Ejército" not in text] in ([], [None])


def test_a_coder_span_in_lowercase_us_is_no_usa(resolver):
    assert resolver.code_phrase("us") is None and resolver.code_phrase("Un") is None
    assert resolver.code_phrase("US") == "USA" and resolver.code_phrase("the UN") == "IGOUNO"


# -- KCNA's Spanish stories ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("Los reaccionarios japoneses y las autoridades surcoreanas conspiran con los imperialistas estadounidenses.",
     {"JPN", "KOR", "USA"}),
    ("La delegación china llegó a Pyongyang y se reunió con funcionarios norcoreanos.", {"CHN", "PRK"}),
    ("Los belicistas norteamericanos y los títeres surcoreanos realizan maniobras.", {"USA", "KOR"}),
    ("El embajador ruso visitó la RPDC.", {"RUS", "PRK"}),
])
def test_spanish_demonyms_name_their_country(found, text, want):
    assert countries(found(text)) == want


@pytest.mark.parametrize("text, want", [
    ("Japón y Japon son el mismo país para la ATCC.", {"JPN", "PRK"}),
    ("El gobierno de Francia y el de Suecia enviaron mensajes a Seúl.", {"FRA", "SWE", "KOR"}),
    ("El Comité de Defensa Nacional y el Partido del Trabajo de Corea lo anunciaron.", {"PRK"}),
])
def test_spanish_country_names_with_or_without_accents(found, text, want):
    assert countries(found(text)) == want


def test_el_norte_and_el_sur_in_a_spanish_story_about_korea(found):
    result = found("La política de Seúl hacia el Norte fracasó, y el Sur debe cambiarla, dijo la RPDC.")
    assert [code for text, code in result.items() if "el Norte" in text] == ["PRK"]
    assert [code for text, code in result.items() if "el Sur" in text] == ["KOR"]


def test_a_province_del_norte_is_no_korea(found):
    result = found("Los trabajadores de la provincia de Hamgyong del Norte visitaron la RPDC capital.")
    assert "KOR" not in countries(result)


@pytest.mark.parametrize("text, absent", [
    ("Los jóvenes visitaron el monumento a la Victoria de la Batalla de Pochonbo.", "SYC"),
    ("Asistieron miembros del BP del CC del PTC de la RPDC.", "GBR"),
    ("La lucha anti-japonesa y antijaponesa del pueblo coreano triunfó.", "JPN"),
    ("La campaña anti-RPDC de los títeres fracasó en Seúl.", "PRK"),
])
def test_spanish_words_and_anti_compounds_name_no_country(found, text, absent):
    assert absent not in countries(found(text))


def test_spanish_demonyms_count_only_in_a_spanish_story(found):
    assert countries(found("The museum showed fine china and old maps of Korea.")) == set()


# -- one-word names inside other people's names -----------------------------------------------------------

@pytest.mark.parametrize("text, mention, absent", [
    ("Ignacio Milan Tang, prime minister of Equatorial Guinea, met the delegation.", "Ignacio Milan Tang", "ITA"),
    ("A message came from Omar Hassan Ahmed Al-Bashir, who heads the party there.",
     "Omar Hassan Ahmed Al-Bashir", "JOR"),
    ("The historian said William Seward bought the territory.", "William Seward", "USA"),
    ("The delegation met Antonio Carlos Hernandez, a writer.", "Antonio Carlos Hernandez", "IGO"),
])
def test_a_place_or_first_name_inside_a_persons_name_is_not_their_country(found, text, mention, absent):
    code = found(text).get(mention)
    assert code is None or absent not in code


@pytest.mark.parametrize("text, want", [
    ("Kenya Hails Kim Jong Il", {"KEN", "PRK"}),
    ("Choe Yong Rim Greets UAE Vice President", {"PRK", "ARE"}),
])
def test_a_headline_keeps_the_countries_it_names(found, text, want):
    assert countries(found(text)) == want


def test_the_senate_of_another_country_is_that_countrys(found):
    result = found("The Senate of Nigeria met. The U.S. Senate passed a bill.")
    assert result.get("The Senate of Nigeria") == "NGALEG" and result.get("The U.S. Senate") == "USALEG"


# -- places that only name a document or an event; regions ----------------------------------------------

@pytest.mark.parametrize("text, absent", [
    ("The Israeli authorities threatened to call off the Oslo peace accords with Palestine.", "NOR"),
    ("Both sides recalled the Moscow Declaration in Pyongyang.", "RUS"),
    ("The delegate spoke at the Geneva Disarmament Conference about the DPRK.", "CHE"),
    ("The South-North Joint Declaration was hailed in Pyongyang.", "KOR"),
    ("The Latin American regional seminar praised the DPRK.", "USA"),
])
def test_a_place_naming_a_document_or_a_region_is_no_state_actor(found, text, absent):
    assert absent not in countries(found(text))


def test_a_country_owning_a_proposal_is_still_the_actor(found):
    result = found("The U.S. proposal and Japan's plan failed, Moscow said.")
    assert result.get("The U.S. proposal") == "USA" and result.get("Japan's plan") == "JPN"
    assert split_code(result.get("Moscow"))[0] == "RUS"


def test_a_place_first_in_a_persons_name_is_not_their_country(found):
    result = found("Kenia Serrano Puig, president of the Cuban institute, met the DPRK envoy in Havana.")
    assert split_code(result.get("Kenia Serrano Puig"))[0] is None


# -- KCNA's "the President" is Kim Il Sung, whoever else the sentence names --------------------------------

def test_kcnas_capitalised_president_stays_kim_il_sung_past_a_foreign_mention(found):
    result = found("A Peruvian paper carried a photo of President Kim Il Sung. It said the Japanese imperialists "
                   "were defeated by the President.")
    assert result.get("the President") == "PRKGOV"


def test_the_president_of_a_named_country_is_that_countrys(found):
    result = found("Kim Jong Il sent a message to the President of Brazil on the floods. The message hoped the "
                   "President and government of Brazil would overcome them.")
    assert [code for text, code in result.items() if text.startswith("the President")] == ["BRAGOV", "BRAGOV"]


# -- people and offices by date --------------------------------------------------------------------------

def test_the_un_secretary_general_of_2011_is_the_un(found):
    result = found("UN Secretary General Ban Ki Moon sent a message to the DPRK.", date(2011, 12, 20))
    assert split_code(result.get("UN Secretary General Ban Ki Moon"))[1] == "IGO"


@pytest.mark.parametrize("on, country", [(date(2011, 4, 11), "RUS"), (date(1989, 4, 11), "SUN")])
def test_a_former_soviet_minister_is_russian_after_1991(found, on, country):
    result = found("Yazov, former defence minister of the Soviet Union, visited the DPRK embassy.", on)
    assert split_code(result.get("former defence minister of the Soviet Union"))[0] == country


def test_the_soviet_state_itself_stays_soviet(found):
    assert split_code(found("The Soviet army liberated the city.", date(2011, 4, 1)).get("The Soviet army"))[0] \
        == "SUN"


# -- acronyms the story spells out; which statement "the statement" is ------------------------------------

def test_an_acronym_takes_the_country_of_the_name_the_story_spells_out(found):
    result = found("CPC Congress Hailed in Pyongyang\n\nThe 6th Congress of the Communist Party of Cuba was "
                   "hailed. The envoy said the CPC and the WPK stand in the same trench.")
    assert result.get("the CPC") == "CUBPTY" and split_code(result.get("CPC Congress"))[0] == "CUB"
    assert result.get("the WPK") == "PRKPTY"


def test_an_acronym_not_spelled_out_keeps_its_own_country(found):
    assert found("The CPC and the Workers' Party of Korea met in Beijing.").get("The CPC") == "CHNPTY"


def test_the_statement_is_the_one_its_issuers_made_in_their_own_words(found):
    result = found("Organizations of Britain and Ecuador backed the DPRK. The British Association for the Study "
                   "of Songun Policy in their joint statement on July 1 hailed the DPRK's stand.\n\nNoting the "
                   "danger, the statement demanded the puppet group stop its acts.\n\nThe Ecuadorian Institute for "
                   "Friendship in a statement on July 29 termed the provocations a declaration of war. The "
                   "statement called for peace.")
    assert result.get("the statement") == "GBRNGO" and result.get("The statement") == "ECUNGO"  # their bodies


def test_a_country_and_title_before_a_namesake_give_the_persons_country(found):
    result = found("Palestinian Foreign Minister Riad Al-Maliki urged the United States to reconsider its veto.")
    assert result.get("Palestinian Foreign Minister Riad Al-Maliki") == "PSEGOV"
    assert found("Iraqi Prime Minister Nouri Al-Maliki spoke.").get("Iraqi Prime Minister Nouri Al-Maliki") \
        == "IRQGOV"


def test_a_former_soviet_republic_is_itself_after_1991(found):
    # The source dictionary writes Turkmenistan's Soviet code as from (not until) October 1991.
    got = found("Turkmenistan and Uzbekistan signed a transport agreement.", date(2011, 4, 25))
    assert got.get("Turkmenistan") == "TKM" and got.get("Uzbekistan") == "UZB"


@pytest.mark.parametrize("on, country", [(ON, "CHN"), (date(1990, 1, 1), "GBR")])
def test_hong_kong_is_chinese_after_1997(found, on, country):
    result = found("A Hong Kong trading firm sent a gift to the leader.", on)
    assert countries(result) == {country}, result


@pytest.mark.parametrize("text, person", [
    ("The letter came from Khalid Omar Haddad, chairman of a Lebanese party.", "Khalid Omar Haddad"),
    ("Abdullah Karim Nasser, a writer, visited the exhibition.", "Abdullah Karim Nasser"),
])
def test_a_rulers_given_name_opening_another_persons_name_is_not_the_ruler(found, text, person):
    got = found(text)
    assert split_code(got.get(person))[0] != "SAU", got
    assert found("King Khalid received the envoy.", date(1980, 1, 1)).get("King Khalid", "").startswith("SAU")


@pytest.mark.parametrize("name, country", [("the Palestinian Popular Struggle Front", "PSE"),
                                           ("the Syrian Social Nationalist Party", "SYR")])
def test_a_group_named_after_its_country_is_of_that_country_not_a_region(found, name, country):
    got = found(f"A statement of {name} denounced the occupation.")
    assert split_code(got[name])[0] == country, got


@pytest.mark.parametrize("text, mention, code", [
    ("The chairman of the Icelandic committee sent a letter.", "The chairman of the Icelandic committee", "ISLGOV"),
    ("A Maldivian delegation arrived on Friday.", "A Maldivian delegation", "MDV"),
    ("The Slovenian minister met the envoy.", "The Slovenian minister", "SVNGOV"),
])
def test_demonyms_the_dictionaries_lack(found, text, mention, code):
    assert found(text).get(mention) == code


def test_an_acronym_the_story_spells_out_is_that_actor(found):
    got = found("The Workers' Party of Mexico (WPM) held a meeting. The members of the WPM praised Cuba.")
    assert split_code(got["the WPM"])[0] == "MEX"
    got = found("The Lao People's Revolutionary Party (LPRP) sent a message. The LPRP hailed the talks.")
    assert split_code(got["The LPRP"])[0] == "LAO"


def test_an_acronym_of_a_name_without_a_country_stays_without_one(found):
    got = found("The Public Order Act (POA) was passed. The POA angered Kenya.")
    assert got.get("The POA") is None and got.get("Kenya") == "KEN"


def test_a_country_naming_a_currency_is_no_actor(found):
    got = found("The Chilean Red Cross sent 50,000 U.S. dollars to the Peruvian Red Cross.")
    assert countries(got) == {"CHL", "PER"}


def test_countries_where_several_envoys_serve_are_no_actors_but_one_envoys_host_is(found):
    got = found("Chilean ambassadors to Kenya, Ghana and Peru paid visits to the Bolivian embassies there.")
    assert countries(got) == {"CHL", "BOL"}
    got = found("The Chilean ambassador to Kenya gave a reception.")
    assert countries(got) == {"CHL", "KEN"}


def test_an_anti_compound_of_a_spelled_acronym_names_no_actor(nlp, resolver):
    doc = nlp("The Workers' Party of Mexico (WPM) held a rally. Chile waged an anti-WPM campaign.")
    mexican = [m.span.text for m in resolver.mentions(doc, ON) if m.span.country == "MEX"]
    assert mexican == ["The Workers' Party of Mexico", "WPM"]  # the spelled-out name and its "(WPM)" only


@pytest.mark.parametrize("text, country", [
    ("Ana Rojas, adviser to the president of Chile, and his party visited the museum.", "CHL"),
    ("The Bolivian envoy and her party left Lima on Friday.", "BOL"),
    ("The Chilean delegation met Ana Rojas and her party.", None),
])
def test_his_party_after_a_visitor_is_the_visitors_entourage(found, text, country):
    got = found(text)
    party = [v for k, v in got.items() if k.endswith("party")]
    assert party == ([country] if country else [])  # a country and no sector (PTY), or no actor at all


@pytest.mark.parametrize("text, want", [
    ("Mexico criticized the U.S. state of Georgia for the new law on migrants.", {"MEX", "USA"}),
    ("The state of Israel was founded in 1948, and Georgia was admitted in 1992.", {"ISR", "GEO"}),
])
def test_a_countrys_state_named_like_a_country_is_no_country(found, text, want):
    assert countries(found(text)) == want


def test_the_north_side_and_the_south_side_in_inter_korean_news(found):
    """KCNA names the two Koreas "the north side" and "the south side" (about 400 times in 2011); a headline
    writes "North Side Sends Notice to South Side". Outside Korean news, or "the south side of" a place, no."""
    result = found("North Side Sends Notice to South Side\n\nThe DPRK said the south side rejected the talks, "
                   "and the north side's proposal stands.")
    sides = {text: code for text, code in result.items() if "side" in text.lower()}
    assert sides and all(code == ("PRK" if "north" in text.lower() else "KOR") for text, code in sides.items())
    assert len(sides) == 4, sides
    assert countries(found("The DPRK delegation walked along the south side of the river.")) == {"PRK"}
    assert not countries(found("Fans on the south side cheered the home team."))


def test_a_joint_exercise_by_its_code_name_is_a_compound_of_its_stagers(nlp, resolver):
    """"UFG is a war rehearsal against the DPRK": the annotators code the U.S.'s and south Korea's acts; the code
    name is a compound of the countries that stage it (``exercises.tsv``), as "the U.S.-south Korea drills" is."""
    doc = nlp("The organizations denounced UFG and the Key Resolve drills as rehearsals for a war on the DPRK.")
    groups = {doc[m.tok_start:m.tok_end].text: {x.span.country for x in m.members}
              for m in resolver.mentions(doc, ON) if m.members}
    assert groups and all(countries == {"USA", "KOR"} for countries in groups.values()), groups
    assert any("UFG" in text for text in groups) and any("Key Resolve" in text for text in groups)
    assert not any(m.members for m in resolver.mentions(nlp("The key resolve of the team won the cup."), ON))


@pytest.mark.parametrize("text, mention, code", [
    ("Lao Premier Mourned in Vientiane", "Lao Premier", "LAOGOV"),
    ("Nepali Navy Fires Warning Shots near Border", "Nepali Navy", "NPLMIL"),
    ("Peru Courts Bolivia over Gas Deal", "Peru", "PER"),
    ("Swiss Delegation Visits Old Palace", "Swiss Delegation", "CHE"),
    ("Storm Hits Vietnam", "Vietnam", "VNM"),
    ("Cuban Army Accused of Border Raid", "Cuban Army", "CUBMIL"),
    ("Cuba and Venezuela Sign Agreement on Oil", "Venezuela", "VEN"),
    ("Laos and Vietnam Commemorate 60 Years of Diplomatic Relations", "Vietnam", "VNM"),
])
def test_a_title_case_headlines_verb_is_no_word_of_a_name(found, text, mention, code):
    """The parser glues a title-case headline's verb into the name before or after it; the name stops there (a
    plural subject's bare verb too: "Cuba and Venezuela Sign …")."""
    result = found(text)
    assert result.get(mention) == code, result
    assert not any(k != mention and mention in k for k in result), result


def test_a_headline_verb_that_opens_a_compound_is_no_word_of_it(found):
    """"… Council Condemns Peru-Bolivia …": the verb opens the chunk of the compound; the name starts after it."""
    result = found("Chile's Arica Council Condemns Peru-Bolivia Unfair Attitude")
    assert any(k.startswith("Peru-Bolivia") for k in result), result
    assert not any("Condemns" in k for k in result), result


def test_a_noun_after_two_names_stays_in_the_name(found):
    """"Cuba and Venezuela Trade Delegations Meet": "Trade" names the delegations, it is no verb."""
    assert any(k.startswith("Venezuela Trade Delegations") for k in found("Cuba and Venezuela Trade Delegations Meet"))


def test_a_weekday_ends_the_subject_of_a_lead_sentence(found):
    """The parser glues the day and the verb after it into the subject ("the DPRK Saturday dedicate pages")."""
    result = found("PYONGYANG, Oct. 8 (KCNA) -- Leading dailies of the DPRK Saturday dedicate pages to the day of the "
                   "army.")
    assert not any("Saturday" in k or "dedicate" in k for k in result), result
    assert any(k.endswith("the DPRK") and code.startswith("PRK") for k, code in result.items()), result


@pytest.mark.parametrize("text, mention", [
    ("Chile's Moves to Raise Tariffs Criticized", "Chile's Moves"),
    ("Joint Military Exercises of Peru and Chile Slammed", "Joint Military Exercises"),
    ("United States Armed Forces Blasted", "United States Armed Forces"),
    ("Peruvian Puppet Forces Stage Drills", "Peruvian Puppet Forces Stage Drills"),
])
def test_plural_nouns_and_adjectives_of_a_headline_stay_in_the_name(found, text, mention):
    """"Moves", "Exercises" and "Forces" are nouns there, "Armed" an adjective: the span keeps them."""
    result = found(text)
    assert any(k.startswith(mention) for k in result), result


@pytest.mark.parametrize("text, mention, country", [
    ("The premier toured the Inner Mongolian Autonomous Region of China last week.",
     "the Inner Mongolian Autonomous Region", "CHN"),
    ("The minister sent a message of greeting to the president of Guinea-Bissau.",
     "the president of Guinea-Bissau", "GNB"),
    ("The Guinea-Bissau delegation arrived on Tuesday.", "The Guinea-Bissau delegation", "GNB"),
    ("The foreign minister of Timor-Leste spoke at the forum.", "The foreign minister of Timor-Leste", "TLS"),
    ("A delegation from Northern Ireland visited the city.", "Northern Ireland", "GBR"),
    ("The New Mexican senator met the visitors.", "The New Mexican senator", "USA"),
    ("The Cyprian chairman met the visitors.", "The Cyprian chairman", "CYP"),
    ("The Timorese minister met the visitors.", "The Timorese minister", "TLS"),
    ("The New Communist Party of Yugoslavia sent a message.", "The New Communist Party of Yugoslavia", "SRB"),
])
def test_a_region_or_hyphenated_country_is_not_the_country_a_word_of_it_names(found, text, mention, country):
    """"Inner Mongolian" is China's, not Mongolia's; "Guinea-Bissau" one country, not Guinea and Bissau."""
    result = found(text)
    assert mention in result and not isinstance(result[mention], tuple), result
    assert split_code(result[mention])[0] == country, result


def test_a_users_verb_file_reaches_the_headline_cut(nlp, tmp_path):
    """The headline cut knows the verbs of the coder's lexicon, the user's verb files included: "Upbraids" is no
    verb of the package's lexicon, so the span runs on; with a user file that adds it, the name stops there."""
    from blocwatch.events.coder import EventCoder

    verbs = tmp_path / "verbs.tsv"
    verbs.write_text("upbraid\t-\t111\n", encoding="utf-8")
    doc = nlp("Swiss Delegation Upbraids Old Palace Staff")

    def spans(coder: EventCoder) -> list[str]:
        return [m.span.text for m in coder.resolver.mentions(doc, ON) if m.span.country == "CHE"]

    assert spans(EventCoder.from_package()) != ["Swiss Delegation"]
    assert spans(EventCoder.from_package(verb_files=(str(verbs),))) == ["Swiss Delegation"]


@pytest.mark.parametrize("text", [
    "The president presented a lamp of ancient Greece to the visiting leader.",
    "The museum keeps the pottery of ancient China and the coins of medieval Korea.",
])
def test_a_past_civilisation_is_no_country(found, text):
    """"A lamp of ancient Greece" names no actor of Greece today (a Cyprian gift story had Greece praise the DPRK)."""
    assert not [code for code in found(text).values() if code and not isinstance(code, tuple) and split_code(code)[0]]
